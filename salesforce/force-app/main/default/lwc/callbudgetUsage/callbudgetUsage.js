import { LightningElement, api } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import CALLBUDGET from '@salesforce/resourceUrl/callbudget';
import widgetSession from '@salesforce/apex/CallbudgetController.widgetSession';

// Tokens live 15 minutes; fetch a new one well before that.
const TOKEN_REFRESH_MS = 10 * 60 * 1000;

/**
 * Shows callbudget's usage gauge and reduction checklist on a Lightning page. The widget bundle is a
 * static resource (classic script, closed shadow roots for lwc:external); the API key stays in the
 * Callbudget named credential and the browser only ever holds a short-lived widget token.
 */
export default class CallbudgetUsage extends LightningElement {
    /** Origin of the callbudget API, e.g. https://callbudget.example.com (also a CSP Trusted Site). */
    @api apiBase;
    /** The callbudget org id this Salesforce org was connected as. */
    @api orgId;
    errorMessage;
    timer;

    async connectedCallback() {
        try {
            window.CALLBUDGET_SHADOW_MODE = 'closed';
            await loadScript(this, CALLBUDGET);
            await this.refreshToken();
            this.timer = setInterval(() => this.refreshToken(), TOKEN_REFRESH_MS);
        } catch (error) {
            this.errorMessage = error?.body?.message ?? 'The callbudget widget could not load.';
        }
    }

    disconnectedCallback() {
        clearInterval(this.timer);
    }

    async refreshToken() {
        const session = await widgetSession({ orgId: this.orgId });
        const panel = this.template.querySelector('callbudget-panel');
        if (panel) panel.token = session.token;
    }
}
