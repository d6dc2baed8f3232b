import { Injectable } from '@nestjs/common';
import { PrismaService } from '../db/prisma.service.js';
import type { RefreshSession } from '../generated/prisma/client.js';

@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: {
    id: string;
    familyId: string;
    userId: string;
    tokenHash: string;
    expiresAt: Date;
    userAgent: string | null;
    ip: string | null;
  }): Promise<RefreshSession> {
    return this.prisma.refreshSession.create({ data });
  }

  find(id: string): Promise<RefreshSession | null> {
    return this.prisma.refreshSession.findUnique({ where: { id } });
  }

  /** Marks a token used; false when another request rotated it first (a replay). */
  async markRotated(id: string): Promise<boolean> {
    const { count } = await this.prisma.refreshSession.updateMany({
      where: { id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: new Date() },
    });
    return count === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.prisma.refreshSession.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  /** Drops sessions that expired a while ago; returns how many. */
  async purgeExpired(olderThan: Date): Promise<number> {
    const { count } = await this.prisma.refreshSession.deleteMany({
      where: { expiresAt: { lt: olderThan } },
    });
    return count;
  }
}
