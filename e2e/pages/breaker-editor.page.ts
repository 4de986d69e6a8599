import { expect, type Locator, type Page, type Response } from '@playwright/test';

/** One breaker: the config editor (form and YAML), history with rollback, diff. */
export class BreakerEditorPage {
  readonly summary: Locator;
  readonly saveButton: Locator;
  readonly yaml: Locator;
  readonly versions: Locator;
  readonly conflictDialog: Locator;

  constructor(private readonly page: Page) {
    this.summary = page.getByTestId('breaker-summary');
    this.saveButton = page.getByRole('button', { name: /^(Save|Create)…$/ });
    this.yaml = page.getByRole('textbox', { name: 'YAML' });
    this.versions = page.getByRole('table', { name: 'Versions' });
    this.conflictDialog = page.getByRole('dialog', { name: 'Someone else saved this breaker meanwhile' });
  }

  async open(env: string, service: string, name: string, query = ''): Promise<void> {
    await this.page.goto(`/env/${env}/services/${service}/breakers/${name}${query}`);
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }

  field(label: string): Locator {
    // Number and text inputs are textboxes; selects and tag inputs are comboboxes.
    return this.page
      .getByRole('textbox', { name: label, exact: true })
      .or(this.page.getByRole('combobox', { name: label, exact: true }));
  }

  source(path: string): Locator {
    return this.page.getByTestId(`source-${path}`);
  }

  async choose(label: string, option: string | RegExp): Promise<void> {
    await this.field(label).click();
    await this.page.getByRole('option', { name: option }).click();
  }

  /** Opens the save dialog, types the change message and saves; resolves with the PUT's response. */
  async save(message: string): Promise<Response> {
    await this.saveButton.click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('Change message').fill(message);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/breakers/')),
      dialog.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    return response;
  }

  async tab(name: 'Config' | 'History' | 'Diff'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  async view(name: 'Form' | 'YAML'): Promise<void> {
    // The radio inputs of a segmented control are visually hidden: click the label, as a user does.
    await this.page
      .locator('label')
      .filter({ hasText: new RegExp(`^${name}$`) })
      .click();
    await expect(this.page.getByRole('radio', { name })).toBeChecked();
  }

  versionRow(version: number): Locator {
    return this.versions.locator(`tr[data-version="${version}"]`);
  }

  async rollbackTo(version: number, message: string): Promise<Response> {
    await this.page.getByRole('button', { name: `Roll back to v${version}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Roll back?' });
    await expect(dialog).toContainText(`to version ${version}`);
    await dialog.getByLabel('Change message').fill(message);
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/rollback')),
      dialog.getByRole('button', { name: `Roll back to v${version}` }).click(),
    ]);
    return response;
  }
}
