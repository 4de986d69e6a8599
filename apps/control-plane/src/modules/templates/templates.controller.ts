import { Controller } from '@nestjs/common';
import { API_ROUTES, BUILT_IN_TEMPLATES, type TemplateList } from '@breakwater/contracts';
import { ApiRoute } from '../../core/auth/auth.decorators.js';

@Controller()
export class TemplatesController {
  /** The built-in templates of the contracts (the guide's five), as the layering uses them. */
  @ApiRoute(API_ROUTES.listTemplates)
  list(): TemplateList {
    return {
      items: Object.values(BUILT_IN_TEMPLATES).map(({ name, description, settings }) => ({
        name,
        description,
        settings,
      })),
    };
  }
}
