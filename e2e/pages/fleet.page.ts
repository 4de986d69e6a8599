import { expect, type Locator, type Page, type Response } from '@playwright/test';

/** The fleet view of an environment. */
export class FleetPage {
  readonly instances: Locator;
  readonly drift: Locator;

  constructor(private readonly page: Page) {
    this.instances = page.getByRole('table', { name: 'Instances' });
    this.drift = page.getByRole('table', { name: 'Drift' });
  }

  async open(env: string, service: string): Promise<void> {
    await this.page.goto(`/env/${env}/fleet?service=${service}`);
    await expect(this.page.getByRole('heading', { name: `Fleet in ${env}`, level: 1 })).toBeVisible();
  }

  instance(id: string): Locator {
    return this.instances.locator(`tr[data-instance="${id}"]`);
  }

  breaker(service: string, name: string): Locator {
    return this.drift.locator(`tr[data-breaker="${service}/${name}"]`);
  }
}

/** The fleet-wide override buttons and their confirmation on a breaker's page. */
export class OverrideControls {
  readonly banner: Locator;

  constructor(private readonly page: Page) {
    this.banner = page.getByTestId('override-banner');
  }

  /** Clicks the action, checks the confirmation names service and environment, confirms; the POST/DELETE's response. */
  async apply(
    label: 'Force open' | 'Force close' | 'Reset' | 'Clear override',
    service: string,
    env: string,
  ): Promise<Response> {
    await this.page.getByRole('button', { name: label, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: `${label}?` });
    await expect(dialog).toContainText(`of service ${service} in environment ${env}`);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/override') && r.request().method() !== 'GET'),
      dialog.getByRole('button', { name: `${label} in ${env}` }).click(),
    ]);
    return response;
  }
}
