/** Inbound HTTP routes that receive third-party events: webhooks and OAuth callbacks. */
import type { IntegrationKind } from './types';

const WEBHOOK_PATH = /webhook|\/hooks?(\/|$)|\/events?(\/|$)|\b(stripe|github|gitlab|slack|twilio|shopify|paypal|sendgrid|mailgun|discord|telegram|zoom|linear|jira)\b/i;
const OAUTH_PATH = /(oauth|auth|login|sso|oidc)[^?]*callback|callback[^?]*(oauth|auth|login)|\/oauth2?\//i;

/** The kind of an inbound route, or undefined when it is the app's own API. */
export function classifyRoute(path: string): IntegrationKind | undefined {
  if (OAUTH_PATH.test(path)) return 'auth';
  if (WEBHOOK_PATH.test(path)) return 'webhook';
  return undefined;
}

const SIGNATURE_HEADERS = /stripe-signature|x-hub-signature|x-slack-signature|x-twilio-signature|x-shopify-hmac|x-signature|svix-signature|webhook-signature|x-gitlab-token|paypal-transmission-sig/i;

export function mentionsSignatureHeader(text: string): boolean {
  return SIGNATURE_HEADERS.test(text);
}
