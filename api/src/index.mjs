// Registers the Scoreline relay at /api/relay/… on Azure Static Web Apps. The relay's code is copied into
// ./relay by `npm run relay:swa` (the deployed api folder cannot reach files outside it).
import { app } from '@azure/functions';
import { createSwaRelayFunction, SWA_ROUTE } from './relay/swa-function.mjs';

const relay = createSwaRelayFunction(process.env);

app.http('relay', {
  route: SWA_ROUTE,
  methods: ['GET', 'OPTIONS'],
  authLevel: 'anonymous',
  handler: (request, context) => relay(request, context),
});
