import { Injectable } from '@nestjs/common';
import { PrismaService } from '../db/prisma.service.js';
import type { Tx } from '../db/tenant.js';
import type { User } from '../generated/prisma/client.js';

/** Users are global identities (one person, many organisations), so they are not tenant-scoped. */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inside a transaction, pass its client: a second connection would wait on the first. */
  findByEmail(email: string, tx: Tx = this.prisma): Promise<User | null> {
    return tx.user.findUnique({ where: { email } });
  }

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  create(tx: Tx, data: { email: string; name: string; passwordHash: string }): Promise<User> {
    return tx.user.create({ data });
  }
}
