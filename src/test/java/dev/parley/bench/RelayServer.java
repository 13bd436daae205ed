package dev.parley.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * The benchmark's ceiling: Parley's socket protocol relayed in memory on the same engine (Vert.x, one event loop a
 * core), with no persistence, authentication or membership checks. A client connects to /relay?user=ID, joins
 * channels ({"type":"join","channelId"}: answered "joined"), and each send is acked and relayed as a message frame
 * with the channel's next seq to every connection that joined the channel. Every result is a ratio to this one.
 */
public final class RelayServer extends AbstractVerticle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<ServerWebSocket>> MEMBERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> SEQS = new ConcurrentHashMap<>();

    private final int port;

    RelayServer(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        int loops = Runtime.getRuntime().availableProcessors();
        vertx.deployVerticle(() -> new RelayServer(port), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("relay listening on " + port))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start() {
        vertx.createHttpServer(new HttpServerOptions().setMaxWebSocketFrameSize(2 << 20).setMaxWebSocketMessageSize(2 << 20))
                .webSocketHandler(this::accept)
                .requestHandler(request -> request.response().end("relay"))
                .listen(port);
    }

    private void accept(ServerWebSocket socket) {
        String user = socket.query() == null ? "" : socket.query().replaceFirst("^.*user=([^&]*).*$", "$1");
        socket.textMessageHandler(text -> {
            try {
                handle(socket, user, JSON.readTree(text));
            } catch (Exception e) {
                socket.writeTextMessage("{\"type\":\"error\",\"code\":\"bad_request\"}");
            }
        });
        socket.closeHandler(closed -> MEMBERS.values().forEach(set -> set.remove(socket)));
    }

    private void handle(ServerWebSocket socket, String user, JsonNode frame) throws Exception {
        String channel = frame.path("channelId").asText();
        switch (frame.path("type").asText()) {
            case "join" -> {
                MEMBERS.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(socket);
                socket.writeTextMessage("{\"type\":\"joined\",\"channelId\":\"" + channel + "\"}");
            }
            case "send" -> {
                long seq = SEQS.computeIfAbsent(channel, c -> new AtomicLong()).incrementAndGet();
                ObjectNode ack = JSON.createObjectNode().put("type", "ack").put("clientMsgId", frame.path("clientMsgId").asText())
                        .put("channelId", channel).put("seq", seq);
                socket.writeTextMessage(JSON.writeValueAsString(ack));
                ObjectNode message = JSON.createObjectNode().put("type", "message").put("channelId", channel).put("seq", seq)
                        .put("senderId", user).put("text", frame.path("text").asText())
                        .put("clientMsgId", frame.path("clientMsgId").asText());
                String out = JSON.writeValueAsString(message);
                for (ServerWebSocket member : MEMBERS.getOrDefault(channel, Set.of())) {
                    member.writeTextMessage(out);
                }
            }
            case "ping" -> socket.writeTextMessage("{\"type\":\"pong\"}");
            default -> socket.writeTextMessage("{\"type\":\"error\",\"code\":\"unknown_type\"}");
        }
    }
}
