import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { CONFIG, type Config } from '../config.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { SessionsRepository } from './sessions.repository.js';
import { ThrottleRepository } from './throttle.repository.js';
import { UsersRepository } from './users.repository.js';

@Module({
  imports: [
    OrgsModule,
    ProjectsModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: Config) => ({ secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, JwtStrategy, UsersRepository, SessionsRepository, ThrottleRepository],
  exports: [SessionsRepository, ThrottleRepository],
})
export class AuthModule {}
