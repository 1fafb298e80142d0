import { Controller, Get, Inject, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import { Public } from '../access/public.decorator.js';
import { APP_CONFIG } from '../tokens.js';
import type { ConsoleFiles } from './console-files.js';
import { CONSOLE_FILES } from './web-tokens.js';

/**
 * The web console: its page at `/` and at every client route under `/console/` (the SPA
 * fallback), and its hashed assets under `/assets/`. These three prefixes are the console's only
 * routes, so no API route, `/docs` or `/health` is ever answered with the page.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  private readonly securityPolicy: string;

  constructor(
    @Inject(CONSOLE_FILES) private readonly files: ConsoleFiles,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The identity provider's discovery document and token endpoint are fetched from the page.
    const provider = config.oidc ? ` ${new URL(config.oidc.issuer).origin}` : '';
    this.securityPolicy = [
      "default-src 'self'",
      `connect-src 'self'${provider}`,
      "img-src 'self' data:",
      "style-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      `form-action 'self'${provider}`,
    ].join('; ');
  }

  @Get()
  home(@Res() response: Response) {
    this.page(response);
  }

  @Get(['console', 'console/*path'])
  clientRoute(@Res() response: Response) {
    this.page(response);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response) {
    const found = this.files.asset(file);
    if (!found) throw new NotFoundException();
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.sendFile(found.name, { root: found.root, maxAge: '365d', immutable: true, dotfiles: 'deny' });
  }

  private page(response: Response): void {
    const html = this.files.indexHtml();
    if (html === null)
      throw new ServiceUnavailableException(
        'The web console is not built: run `npm run build`. / Chưa dựng giao diện web: chạy `npm run build`.',
      );
    response
      .status(200)
      .setHeader('Cache-Control', 'no-cache')
      .setHeader('Content-Security-Policy', this.securityPolicy)
      .setHeader('X-Content-Type-Options', 'nosniff')
      // The sign-in callback carries the authorization code in its address: never send it on.
      .setHeader('Referrer-Policy', 'no-referrer')
      .type('html')
      .send(html);
  }
}
