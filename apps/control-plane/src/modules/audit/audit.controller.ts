import { Controller, Query, Res } from '@nestjs/common';
import {
  API_ROUTES,
  type AuditExportQuery,
  auditExportQuerySchema,
  type AuditPage,
  type AuditQuery,
  auditQuerySchema,
} from '@breakwater/contracts';
import type { Response } from 'express';
import { ApiRoute } from '../../core/auth/auth.decorators.js';
import { ZodPipe } from '../../core/http/zod-pipe.js';
import { AuditService, CSV_HEADER, toCsvRow } from './audit.service.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiRoute(API_ROUTES.listAudit)
  list(@Query(new ZodPipe(auditQuerySchema, 'query')) query: AuditQuery): Promise<AuditPage> {
    return this.audit.page(query);
  }

  @ApiRoute(API_ROUTES.exportAudit)
  async export(
    @Query(new ZodPipe(auditExportQuerySchema, 'query')) query: AuditExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { format, ...filter } = query;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    res.status(200);
    res.setHeader('Content-Disposition', `attachment; filename="breakwater-audit-${stamp}.${format}"`);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8');
      res.write(`${CSV_HEADER}\n`);
      for await (const event of this.audit.all(filter)) res.write(`${toCsvRow(event)}\n`);
    } else {
      res.type('application/json; charset=utf-8');
      res.write('[');
      let first = true;
      for await (const event of this.audit.all(filter)) {
        res.write(`${first ? '' : ','}\n${JSON.stringify(event)}`);
        first = false;
      }
      res.write('\n]\n');
    }
    res.end();
  }
}
