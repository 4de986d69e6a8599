import { expect, test } from '@playwright/test';
import { StatusPage } from '../pages/status.page.js';

test('the admin page served by the control plane shows it ready, with PostgreSQL and Redis up', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });

  const status = new StatusPage(page);
  await status.open();

  await expect(status.readiness).toHaveText('ready');
  await expect(status.dependencyRow('PostgreSQL')).toContainText('up');
  await expect(status.dependencyRow('Redis')).toContainText('up');
  await expect(page.getByText(/version \d+\.\d+\.\d+/)).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
