import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authenticated, Public } from '../access/authorized.decorator.js';
import { type Actor, CurrentActor, type GaplineRequest } from '../common/request-context.js';
import { CONFIG, type Config } from '../config.js';
import { AuthService, type ClientInfo, type IssuedSession } from './auth.service.js';
import { LoginDto, MeDto, RegisterDto, SessionDto } from './dto/auth.dto.js';

export const REFRESH_COOKIE = 'gapline_rt';
const COOKIE_PATH = '/api/auth';

function clientOf(req: GaplineRequest): ClientInfo {
  return {
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
    requestId: typeof req.id === 'string' ? req.id : null,
  };
}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Post('auth/register')
  @Public()
  @ApiResponse({ status: 201, type: SessionDto })
  @ApiResponse({ status: 409, description: 'The e-mail is taken, or the invitation does not fit' })
  async register(
    @Body() dto: RegisterDto,
    @Req() req: GaplineRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(res, await this.auth.register(dto, clientOf(req)));
  }

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiResponse({ status: 401, description: 'Wrong e-mail or password' })
  @ApiResponse({ status: 429, description: 'Too many failed attempts; see Retry-After' })
  async login(@Body() dto: LoginDto, @Req() req: GaplineRequest, @Res({ passthrough: true }) res: Response) {
    return this.respond(res, await this.auth.login(dto, clientOf(req)));
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto, description: 'Reads and rotates the httpOnly refresh cookie' })
  @ApiResponse({ status: 401, description: 'No valid refresh cookie; sign in again' })
  async refresh(@Req() req: GaplineRequest, @Res({ passthrough: true }) res: Response) {
    try {
      return this.respond(res, await this.auth.refresh(req.cookies?.[REFRESH_COOKIE], clientOf(req)));
    } catch (err) {
      this.clearCookie(res);
      throw err;
    }
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiResponse({ status: 204, description: 'Ends this sign-in (its whole refresh family)' })
  async logout(@Req() req: GaplineRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(req.cookies?.[REFRESH_COOKIE]);
    this.clearCookie(res);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): Promise<MeDto> {
    return this.auth.me(actor.userId);
  }

  private respond(res: Response, issued: IssuedSession): SessionDto {
    res.cookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.PUBLIC_URL.startsWith('https://'),
      path: COOKIE_PATH,
      expires: issued.refreshExpires,
    });
    res.setHeader('Cache-Control', 'no-store');
    return issued.body;
  }

  private clearCookie(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
  }
}
