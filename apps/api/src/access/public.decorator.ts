import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'access:public';
/** A route anyone may call without a token (health, API docs). Everything else needs a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
