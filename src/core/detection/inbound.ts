/** Inbound HTTP routes that receive third-party events: webhooks and OAuth callbacks. */
import type { IntegrationKind } from './types';

const WEBHOOK_WORD = /webhook|\/hooks?(\/|$)/i;
const PROVIDER_EVENTS = /\/events?(\/|$)|\b(stripe|github|gitlab|slack|twilio|shopify|paypal|sendgrid|mailgun|discord|telegram|zoom|linear|jira)\b/i;
const OAUTH_PATH = /(oauth|auth|login|sso|oidc|signin)[^?]*callback|callback[^?]*(oauth|auth|login)|\/oauth2?\/[^?]*(callback|redirect|authorized)/i;
const READ_METHODS = /^(get|GET|Get|GetMapping|head)$/;

/**
 * The kind of an inbound route, or undefined when it is the app's own API. Providers deliver
 * webhooks with POST, so a provider name alone (`/stripe`, `/slack/events`) counts only on a
 * route that receives POSTs, and not as the only segment under `/api/` (`/api/stripe`, the app's own page);
 * `/auth/github` that starts a login is not a webhook.
 */
export function classifyRoute(path: string, method = 'post'): IntegrationKind | undefined {
  if (OAUTH_PATH.test(path)) return 'auth';
  if (/^\/(auth|login|oauth2?|signin|sso)(\/|$)/i.test(path)) return undefined;
  if (WEBHOOK_WORD.test(path)) return 'webhook';
  // `/api/stripe` without a webhook or events word is the app's own API page about that provider.
  if (!READ_METHODS.test(method) && PROVIDER_EVENTS.test(path) && !/^\/api\/[^/]+\/?$/i.test(path)) return 'webhook';
  return undefined;
}

const SIGNATURE_HEADERS = /stripe-signature|x-hub-signature|x-slack-signature|x-twilio-signature|x-shopify-hmac|x-signature|svix-signature|webhook-signature|x-gitlab-token|paypal-transmission-sig/i;

export function mentionsSignatureHeader(text: string): boolean {
  return SIGNATURE_HEADERS.test(text);
}
