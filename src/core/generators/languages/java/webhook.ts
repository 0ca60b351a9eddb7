/** Java webhook receiver and OAuth2 PKCE client: JDK only (com.sun.net.httpserver, javax.crypto, java.net.http). */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { provenance } from '../common';

export function javaWebhookVerifier(options: ResolvedOptions): string {
  return `package ${options.layout.module};

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signature verification for "${options.name}". ${provenance(options, 'webhook-receiver')}
 * Signature scheme: the sender puts the Unix time in seconds in X-Webhook-Timestamp and
 * "sha256=" + hex(HMAC-SHA256(secret, timestamp + "." + rawBody)) in X-Webhook-Signature. The
 * receiver recomputes it over the raw bytes, compares in constant time (MessageDigest.isEqual),
 * rejects timestamps more than the tolerance away from now, and rejects a signature already
 * accepted within the window (a replay).
 */
public final class WebhookVerifier {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern SIGNATURE = Pattern.compile("^sha256=[0-9a-fA-F]{64}$");
    private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{1,12}$");

    public enum Failure { MISSING_HEADERS, MALFORMED, STALE_TIMESTAMP, BAD_SIGNATURE, REPLAYED }

    private final byte[] secret;
    private final Duration tolerance;
    private final Map<String, Long> seen = new LinkedHashMap<>();

    public WebhookVerifier(String secret, Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** The signature a sender computes. */
    public static String sign(byte[] rawBody, String secret, long timestampSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Empty when the request is authentic; otherwise why it is not. */
    public synchronized Optional<Failure> verify(byte[] rawBody, String signature, String timestamp, Instant now) {
        if (signature == null || timestamp == null) return Optional.of(Failure.MISSING_HEADERS);
        if (!SIGNATURE.matcher(signature).matches() || !TIMESTAMP.matcher(timestamp).matches()) return Optional.of(Failure.MALFORMED);
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) return Optional.of(Failure.STALE_TIMESTAMP);
        String expected = sign(rawBody, new String(secret, StandardCharsets.UTF_8), seconds);
        String given = signature.toLowerCase(Locale.ROOT);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Failure.BAD_SIGNATURE);
        }
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (now.getEpochSecond() - it.next().getValue() > tolerance.toSeconds() || seen.size() > 100_000) it.remove();
            else break;
        }
        if (seen.putIfAbsent(given, now.getEpochSecond()) != null) return Optional.of(Failure.REPLAYED);
        return Optional.empty();
    }
}
`;
}

export function javaWebhookServer(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}WebhookServer`;
  return `package ${options.layout.module};

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * HTTP receiver for "${options.name}" webhooks: POST /webhooks/${options.name}. ${provenance(options, 'webhook-receiver')}
 * Answers 204 once the handler returned, 401 for a missing, wrong, stale or replayed signature,
 * 413 for bodies over the limit, 500 if the handler throws (so the sender retries).
 * The secret comes from ${options.env['secret']}, the port from ${options.env['port']}.
 */
public final class ${cls} {
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Receives the raw JSON body of an authentic request. */
    @FunctionalInterface
    public interface Handler {
        void handle(String json) throws Exception;
    }

    private ${cls}() {}

    /** Starts the server; port 0 picks a free port (read it from getAddress()). */
    public static HttpServer start(Handler handler, Map<String, String> env, Integer port) throws IOException {
        String secret = env.get("${options.env['secret']}");
        if (secret == null || secret.isEmpty()) throw new IllegalStateException("environment variable ${options.env['secret']} is not set");
        WebhookVerifier verifier = new WebhookVerifier(secret, WebhookVerifier.DEFAULT_TOLERANCE);
        int listenPort = port != null ? port : Integer.parseInt(env.getOrDefault("${options.env['port']}", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(listenPort), 0);
        server.createContext("/webhooks/${options.name}", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    reply(exchange, 405, "method not allowed");
                    return;
                }
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(MAX_BODY_BYTES + 1);
                }
                if (body.length > MAX_BODY_BYTES) {
                    reply(exchange, 413, "body too large");
                    return;
                }
                var headers = exchange.getRequestHeaders();
                if (verifier.verify(body, headers.getFirst("X-Webhook-Signature"), headers.getFirst("X-Webhook-Timestamp"), Instant.now()).isPresent()) {
                    reply(exchange, 401, "invalid signature");
                    return;
                }
                try {
                    handler.handle(new String(body, StandardCharsets.UTF_8));
                } catch (Exception error) {
                    System.err.println("${options.name} webhook handler failed: " + error.getClass().getSimpleName());
                    reply(exchange, 500, "handler failed");
                    return;
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = start(json -> System.out.println(json), System.getenv(), null);
        System.out.println("listening on " + server.getAddress().getPort());
    }
}
`;
}

export function javaOAuth2(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}OAuth2Client`;
  const { env } = options;
  return `package ${options.layout.module};

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OAuth2 / OIDC authorization code flow with PKCE for "${options.name}". ${provenance(options, 'oauth2-client')}
 * Flow: begin() returns the URL to send the browser to plus the state and code verifier, which the
 * app keeps server-side (session), never in the URL. On the redirect back, complete() checks the
 * returned state in constant time, then exchanges the code with the PKCE verifier (S256). The
 * token request is not retried: a code is single-use. The JDK has no JSON parser, so the token
 * response is returned as its JSON text for your JSON library.
 */
public final class ${cls} {
    private static final Duration TOKEN_TIMEOUT = Duration.ofMillis(${options.resilience.policy.timeoutMs});
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Config(String authorizeUrl, String tokenUrl, String clientId, String clientSecret, String redirectUri, String scopes) {}

    public record Pending(String url, String state, String codeVerifier) {}

    /** The returned state is not the one issued: a forged or mixed-up callback. */
    public static final class StateMismatchException extends SecurityException {
        private static final long serialVersionUID = 1L;

        public StateMismatchException() {
            super("state does not match the login that was started");
        }
    }

    /** The token endpoint answered with an error status; body holds its JSON (RFC 6749 section 5.2). */
    public static final class OAuthException extends IOException {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String body;

        public OAuthException(int status, String body) {
            super("token endpoint answered HTTP " + status);
            this.status = status;
            this.body = body;
        }

        public int status() { return status; }
        public String body() { return body; }
    }

    private final Config config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TOKEN_TIMEOUT).build();

    public ${cls}(Config config) {
        this.config = config;
    }

    public static Config configFromEnv(Map<String, String> env) {
        String scopes = env.getOrDefault("${env['scopes']}", "");
        return new Config(required(env, "${env['authorizeUrl']}"), required(env, "${env['tokenUrl']}"), required(env, "${env['clientId']}"),
            env.getOrDefault("${env['clientSecret']}", ""), required(env, "${env['redirectUri']}"), scopes.isEmpty() ? "openid profile" : scopes);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) throw new IllegalStateException("environment variable " + name + " is not set");
        return value;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    /** The S256 challenge of a verifier (RFC 7636). */
    public static String pkceChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    /** Starts a login: keep state and codeVerifier in the session, redirect to url. */
    public Pending begin() {
        String verifier = randomUrlSafe(32);
        String state = randomUrlSafe(16);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", config.redirectUri());
        query.put("scope", config.scopes());
        query.put("state", state);
        query.put("code_challenge", pkceChallenge(verifier));
        query.put("code_challenge_method", "S256");
        String separator = config.authorizeUrl().contains("?") ? "&" : "?";
        return new Pending(config.authorizeUrl() + separator + form(query), state, verifier);
    }

    /** Handles the redirect back; returns the token response JSON. */
    public String complete(String code, String returnedState, Pending pending) throws IOException, InterruptedException {
        if (returnedState == null || !MessageDigest.isEqual(returnedState.getBytes(StandardCharsets.UTF_8), pending.state().getBytes(StandardCharsets.UTF_8))) {
            throw new StateMismatchException();
        }
        if (code == null || code.isEmpty()) throw new OAuthException(400, "{\\"error\\":\\"invalid_request\\"}");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("grant_type", "authorization_code");
        values.put("code", code);
        values.put("redirect_uri", config.redirectUri());
        values.put("code_verifier", pending.codeVerifier());
        return tokenRequest(values);
    }

    /** Exchanges a refresh token; returns the token response JSON. */
    public String refresh(String refreshToken) throws IOException, InterruptedException {
        return tokenRequest(new LinkedHashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    private String tokenRequest(Map<String, String> values) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.tokenUrl()))
            .timeout(TOKEN_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json");
        if (config.clientSecret().isEmpty()) {
            values.put("client_id", config.clientId());
        } else {
            String user = URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":" + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form(values))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) throw new OAuthException(response.statusCode(), response.body());
        return response.body();
    }
}
`;
}
