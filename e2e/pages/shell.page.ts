import { expect, type Locator, type Page } from '@playwright/test';

/** The frame around every signed-in page: navigation, environment switcher, account menu. */
export class Shell {
  readonly navigation: Locator;
  readonly environment: Locator;
  readonly account: Locator;
  /** "Live" / "Reconnecting": the state of the admin UI's socket.io channel. */
  readonly live: Locator;

  constructor(private readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.environment = page.getByRole('combobox', { name: 'Environment' });
    this.account = page.getByRole('button', { name: 'Account' });
    this.live = page.getByTestId('live-indicator');
  }

  navLink(label: string): Locator {
    return this.navigation.getByRole('link', { name: label });
  }

  async switchEnvironment(name: string): Promise<void> {
    await this.environment.click();
    await this.page.getByRole('option', { name, exact: true }).click();
    await expect(this.environment).toHaveValue(name);
  }

  async signOut(): Promise<void> {
    await this.account.click();
    await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout')),
      this.page.getByRole('menuitem', { name: 'Sign out' }).click(),
    ]);
  }
}
