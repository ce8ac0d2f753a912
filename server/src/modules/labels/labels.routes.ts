import { LabelSheetQuery } from '@preau/shared';
import type { Config } from '../../config';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { publicBaseUrl } from '../../http/public-url';
import { parse } from '../../http/validate';
import type { LabelsService } from './labels.service';

export function labelsRoutes(api: ApiRouter, service: LabelsService, config: Pick<Config, 'publicUrl'>): void {
  // Every item on the sheet must be readable by the caller: decided on the records (404 otherwise).
  api.get('/labels.pdf', can('inventory:read', 'record'), async (req, res) => {
    const selection = parse(LabelSheetQuery, req.query, 'query');
    const file = await service.sheet(principalOf(req), selection, publicBaseUrl(req, config));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.content);
  });
}
