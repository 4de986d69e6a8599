import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'breakwater:public';

/**
 * Marks a controller or route as deliberately public (health, login). Everything else is refused by the
 * global guard unless the request is authenticated and authorised.
 */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
