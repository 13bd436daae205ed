package dev.parley.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP endpoint that speaks the SNS Query API actions Parley uses (CreatePlatformEndpoint, GetEndpointAttributes,
 * SetEndpointAttributes, Publish, DeleteEndpoint) in the request and response shapes AWS documents, with its error
 * responses (EndpointDisabled, NotFound). No SNS-compatible server with platform endpoints can be had here; the
 * adapter is tested with the real AWS SDK over real HTTP against this, and the test asserts what it received.
 */
public final class FakeSns implements AutoCloseable {

    private static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";

    public record Call(String action, Map<String, String> params) {
    }

    public static final class Endpoint {
        public final String arn;
        public volatile String token;
        public volatile boolean enabled = true;

        Endpoint(String arn, String token) {
            this.arn = arn;
            this.token = token;
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** Endpoints that Publish reports disabled even though their attributes say enabled (APNs feedback lag). */
    private final Map<String, Boolean> disableOnPublish = new ConcurrentHashMap<>();

    public FakeSns() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    public Endpoint endpointOfToken(String token) {
        return endpoints.values().stream().filter(e -> token.equals(e.token)).findFirst().orElse(null);
    }

    public void disableOnPublish(String arn) {
        disableOnPublish.put(arn, true);
    }

    public void forget(String arn) {
        endpoints.remove(arn);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = parse(body);
        String action = params.getOrDefault("Action", "");
        calls.add(new Call(action, params));
        switch (action) {
            case "CreatePlatformEndpoint" -> {
                Endpoint existing = endpointOfToken(params.get("Token"));
                Endpoint endpoint = existing != null ? existing : new Endpoint(params.get("PlatformApplicationArn")
                        .replace(":app/", ":endpoint/") + "/" + UUID.randomUUID(), params.get("Token"));
                endpoints.put(endpoint.arn, endpoint);
                ok(exchange, action, "<EndpointArn>" + endpoint.arn + "</EndpointArn>");
            }
            case "GetEndpointAttributes" -> {
                Endpoint endpoint = endpoints.get(params.get("EndpointArn"));
                if (endpoint == null) {
                    error(exchange, 404, "NotFound", "Endpoint does not exist");
                    return;
                }
                ok(exchange, action, "<Attributes>" + entry("Enabled", Boolean.toString(endpoint.enabled))
                        + entry("Token", endpoint.token) + "</Attributes>");
            }
            case "SetEndpointAttributes" -> {
                Endpoint endpoint = endpoints.get(params.get("EndpointArn"));
                if (endpoint == null) {
                    error(exchange, 404, "NotFound", "Endpoint does not exist");
                    return;
                }
                Map<String, String> attributes = attributes(params);
                if (attributes.containsKey("Token")) {
                    endpoint.token = attributes.get("Token");
                }
                if (attributes.containsKey("Enabled")) {
                    endpoint.enabled = Boolean.parseBoolean(attributes.get("Enabled"));
                }
                okEmpty(exchange, action);
            }
            case "Publish" -> {
                Endpoint endpoint = endpoints.get(params.get("TargetArn"));
                if (endpoint == null) {
                    error(exchange, 404, "NotFound", "Endpoint does not exist");
                } else if (!endpoint.enabled || disableOnPublish.containsKey(endpoint.arn)) {
                    endpoint.enabled = false;
                    error(exchange, 400, "EndpointDisabled", "Endpoint is disabled");
                } else {
                    ok(exchange, action, "<MessageId>" + UUID.randomUUID() + "</MessageId>");
                }
            }
            case "DeleteEndpoint" -> {
                endpoints.remove(params.get("EndpointArn"));
                okEmpty(exchange, action);
            }
            default -> error(exchange, 400, "InvalidAction", "Unsupported action " + action);
        }
    }

    private static Map<String, String> attributes(Map<String, String> params) {
        Map<String, String> attributes = new java.util.HashMap<>();
        for (int i = 1; params.containsKey("Attributes.entry." + i + ".key"); i++) {
            attributes.put(params.get("Attributes.entry." + i + ".key"), params.get("Attributes.entry." + i + ".value"));
        }
        return attributes;
    }

    private static String entry(String key, String value) {
        return "<entry><key>" + key + "</key><value>" + value + "</value></entry>";
    }

    private static void ok(HttpExchange exchange, String action, String result) throws IOException {
        respond(exchange, 200, "<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + result + "</"
                + action + "Result>" + metadata() + "</" + action + "Response>");
    }

    private static void okEmpty(HttpExchange exchange, String action) throws IOException {
        respond(exchange, 200, "<" + action + "Response xmlns=\"" + NS + "\">" + metadata() + "</" + action + "Response>");
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(exchange, status, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>");
    }

    private static String metadata() {
        return "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>";
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parse(String form) {
        if (form.isBlank()) {
            return Map.of();
        }
        return java.util.Arrays.stream(form.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : "", (a, b) -> b));
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
