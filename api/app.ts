/**
 * createApp(services): the composition root of the HTTP API. Everything it needs is passed in, so
 * tests build it with their own Temporal client and store.
 */
import express, { Express } from 'express';
import { Client } from '@temporalio/client';
import { CalendarService } from '../activities/calendar-service';
import { ProfileRegistry } from '../activities/reference-data';
import { EmbeddedStore } from '../activities/store/embedded-store';
import { broadcastCalendar } from './calendar-broadcast';
import { Calculator } from './calculator';
import { errorHandler, notFound } from './middleware/errors';
import { calcRoutes } from './routes/calc';
import { calendarRoutes } from './routes/calendar';
import { lookedAfterCycleRoutes } from './routes/looked-after-cycles';
import { notificationRoutes } from './routes/notifications';
import { profileRoutes } from './routes/profiles';

export interface Services {
  client: Client;
  taskQueue: string;
  store: EmbeddedStore;
  calendar: CalendarService;
  profiles: ProfileRegistry;
  defaultProfile?: string;
}

export function createApp(services: Services): Express {
  const { client, taskQueue, store, calendar, profiles } = services;
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  app.get('/health', (_req, res) => { res.json({ status: 'ok' }); });
  app.use('/api/calc', calcRoutes(new Calculator(() => calendar.calendar(), profiles)));
  app.use('/api/profiles', profileRoutes(profiles));
  app.use('/api/calendar', calendarRoutes({ calendar, broadcast: (s) => broadcastCalendar(client, s) }));
  app.use('/api/notifications', notificationRoutes(store));
  app.use('/api/looked-after-cycles', lookedAfterCycleRoutes({ client, calendar, taskQueue, profiles, defaultProfile: services.defaultProfile ?? 'statutory' }));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
