import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../common/request-context.js';
import { CONFIG, type Config } from '../config.js';

interface AccessClaims {
  sub: string;
  email: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(CONFIG) config: Config) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a PEM public key
      // (createPublicKey, which throws) on every request, about 0.7 ms of CPU each time.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: ['HS256'],
      issuer: 'gapline',
      audience: 'gapline-api',
    });
  }

  validate(claims: AccessClaims): AuthUser {
    return { id: claims.sub, email: claims.email };
  }
}
