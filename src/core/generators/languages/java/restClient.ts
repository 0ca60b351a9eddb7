/** Java REST client: java.net.http.HttpClient + the Resilience class. */
import { pascalCase } from '../../naming';
import type { ResolvedOptions } from '../../types';
import { describePolicy, provenance } from '../common';

function auth(options: ResolvedOptions): { fields: string; read: string; apply: string } {
  const { env } = options;
  switch (options.auth) {
    case 'bearer': return {
      fields: '    private final String token;\n',
      read: `        this.token = required(env, "${env['token']}");\n`,
      apply: '        request.header("Authorization", "Bearer " + token);\n',
    };
    case 'api-key': return {
      fields: '    private final String apiKey;\n',
      read: `        this.apiKey = required(env, "${env['apiKey']}");\n`,
      apply: '        request.header("X-API-Key", apiKey);\n',
    };
    case 'basic': return {
      fields: '    private final String basicCredentials;\n',
      read: `        this.basicCredentials = Base64.getEncoder().encodeToString(
            (required(env, "${env['username']}") + ":" + required(env, "${env['password']}")).getBytes(StandardCharsets.UTF_8));\n`,
      apply: '        request.header("Authorization", "Basic " + basicCredentials);\n',
    };
    default: return { fields: '', read: '', apply: '' };
  }
}

export function javaRestClient(options: ResolvedOptions): string {
  const cls = `${pascalCase(options.name)}Client`;
  const a = auth(options);
  return `package ${options.layout.module};

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP client for "${options.name}". ${provenance(options, 'rest-client')}
 * Resilience: ${describePolicy(options.resilience)}.
 * Retries only idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) unless the request
 * carries an Idempotency-Key; retried statuses: 408, 429, 500, 502, 503, 504, connection failures
 * and timeouts. Retry-After (seconds or HTTP-date) is honoured up to maxDelay; a longer wait gives up.
 * Bodies are JSON strings: parse them with the JSON library of your project.
 */
public final class ${cls} {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
    private static final Set<Integer> RETRY_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

    /** A required environment variable is not set (its value is never printed). */
    public static final class MissingConfigException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public MissingConfigException(String name) {
            super("environment variable " + name + " is not set");
        }
    }

    /** The API answered with a non-2xx status (after any retries). */
    public static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String body;
        private final transient Optional<Duration> retryAfter;

        public HttpStatusException(int status, String body, Optional<Duration> retryAfter) {
            super("${options.name} answered HTTP " + status);
            this.status = status;
            this.body = body;
            this.retryAfter = retryAfter;
        }

        public int status() { return status; }
        public String body() { return body; }
        public Optional<Duration> retryAfter() { return retryAfter; }
    }

    private final HttpClient http;
    private final URI baseUri;
    private final Resilience.Policy policy;
${a.fields}
    public ${cls}() {
        this(System.getenv(), Resilience.POLICY);
    }

    public ${cls}(Map<String, String> env, Resilience.Policy policy) {
        String base = required(env, "${options.env['baseUrl']}");
        this.baseUri = URI.create(base.endsWith("/") ? base : base + "/");
        this.policy = policy;
${a.read}        this.http = HttpClient.newBuilder().connectTimeout(policy.timeout()).build();
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) throw new MissingConfigException(name);
        return value;
    }

    /** Retry-After as a duration: delta-seconds or an HTTP-date. */
    public static Optional<Duration> parseRetryAfter(String value, ZonedDateTime now) {
        if (value == null || value.isBlank()) return Optional.empty();
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isTransient(Exception error) {
        if (error instanceof HttpStatusException status) return RETRY_STATUSES.contains(status.status());
        return error instanceof HttpTimeoutException || error instanceof ConnectException
            || (error instanceof IOException && !(error instanceof HttpStatusException));
    }

    public String get(String path) throws Exception {
        return send("GET", path, null, Map.of());
    }

    public String post(String path, String jsonBody, Map<String, String> headers) throws Exception {
        return send("POST", path, jsonBody, headers);
    }

    /** One logical request (possibly several attempts); returns the response body ("" for 204). */
    public String send(String method, String path, String jsonBody, Map<String, String> headers) throws Exception {
        String verb = method.toUpperCase();
        URI uri = baseUri.resolve(path.startsWith("/") ? path.substring(1) : path);
        boolean retryable = IDEMPOTENT.contains(verb) || headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Idempotency-Key"));
        return Resilience.retry(attempt -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(policy.timeout())
                .header("Accept", "application/json")
                .method(verb, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
            if (jsonBody != null) request.header("Content-Type", "application/json");
            headers.forEach(request::header);
${a.apply}            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                String body = response.body();
                throw new HttpStatusException(response.statusCode(), body.substring(0, Math.min(body.length(), 2000)),
                    parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null), ZonedDateTime.now()));
            }
            return response.body();
        }, error -> retryable && isTransient(error), ${cls}::isTransient, error -> {
            if (error instanceof HttpStatusException status && status.retryAfter().isPresent()) {
                long wait = status.retryAfter().get().toMillis();
                return wait > policy.maxDelay().toMillis() ? Resilience.GIVE_UP : wait;
            }
            return -1;
        }, policy);
    }
}
`;
}
