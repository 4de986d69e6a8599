import { expect, snapshot, test } from '../fixtures/test.js';
import { StatusPage } from '../pages/status.page.js';

test('the status page served by the control plane shows it ready, with PostgreSQL and Redis up', async ({
  adminPage: page,
}, testInfo) => {
  const status = new StatusPage(page);
  await status.open();

  await expect(status.readiness).toHaveText('ready');
  await expect(status.dependencyRow('PostgreSQL')).toContainText('up');
  await expect(status.dependencyRow('Redis')).toContainText('up');
  await expect(page.getByText(/version \d+\.\d+\.\d+/)).toBeVisible();
  await snapshot(page, testInfo, 'status');
});
