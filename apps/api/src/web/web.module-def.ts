import type { Provider, Type } from '@nestjs/common';
import { ConsoleFiles } from './console-files.js';
import { ConsoleController } from './console.controller.js';
import { SignInController } from './sign-in.controller.js';
import { CONSOLE_FILES } from './web-tokens.js';

/** The web console's part of the API: its static files and how it signs in. */
export function webPart(files = new ConsoleFiles()): { controllers: Type<unknown>[]; providers: Provider[] } {
  return {
    controllers: [SignInController, ConsoleController],
    providers: [{ provide: CONSOLE_FILES, useValue: files }],
  };
}
