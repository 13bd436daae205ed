package dev.parley.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** GET /api/v1/connect, as a client asks it before (re)opening its socket, with the JDK's client (thread-safe). */
public final class ConnectAdvice {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectAdvice() {
    }

    /** The socket URL the pod at baseUri names for the token's user; empty when pods have no URLs of their own. */
    public static Optional<URI> socketUrl(URI baseUri, String token) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(baseUri.resolve("/api/v1/connect"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("/api/v1/connect answered " + answer.statusCode());
            }
            JsonNode url = JSON.readTree(answer.body()).path("url");
            return url.isTextual() ? Optional.of(URI.create(url.asText())) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
