/**
 * docs/retention.md: the embedded dev server would keep a closed workflow's history for one day;
 * care-reviews sets the namespace's retention itself (CARE_REVIEWS_TEMPORAL_RETENTION_DAYS, default 30).
 */
import { Connection } from '@temporalio/client';
import { loadConfig } from '../platform/config';
import { namespaceRetentionDays, startDevServer } from '../platform/dev-server';
import { freePort, tempDir } from './support/temporal';

test('the dev server namespace keeps histories for the configured retention, set again at each start', async () => {
  const tmp = tempDir('retention');
  const config = loadConfig({ CARE_REVIEWS_DATA_DIR: tmp.dir });
  expect(config.devServer.retentionDays).toBe(30);
  expect(() => loadConfig({ CARE_REVIEWS_TEMPORAL_RETENTION_DAYS: '0' })).toThrow(/CARE_REVIEWS_TEMPORAL_RETENTION_DAYS/);
  const start = async (retentionDays: number) =>
    startDevServer({
      port: await freePort(),
      uiPort: await freePort(),
      dbFile: `${tmp.dir}/temporal.sqlite`,
      namespace: 'default',
      logDir: tmp.dir,
      retentionDays,
    });
  try {
    for (const days of [config.devServer.retentionDays, 45]) {
      const dev = await start(days);
      const conn = await Connection.connect({ address: dev.address });
      try {
        expect(await namespaceRetentionDays(conn, 'default')).toBe(days);
      } finally {
        await conn.close();
        await dev.stop();
      }
    }
  } finally {
    tmp.remove();
  }
});
