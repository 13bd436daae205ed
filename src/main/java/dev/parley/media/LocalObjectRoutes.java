package dev.parley.media;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the local store's signed URLs (embedded mode): PUT streams the body to a file, GET sends a file, both on the
 * event loop without blocking (Vert.x's asynchronous file system). The route runs before Quarkus's request body limit
 * (4 MB for JSON) because an upload may be 25 MiB: its own bound is the signed size, which the Content-Length must
 * equal. Where the store is not the local one (cluster mode), the path answers 404.
 */
@ApplicationScoped
public class LocalObjectRoutes {

    private final Instance<ObjectStore> objects;

    LocalObjectRoutes(Instance<ObjectStore> objects) {
        this.objects = objects;
    }

    void register(@Observes Router router) {
        router.route(LocalDiskObjectStore.URL_PATH + "*").order(-100).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!(objects.get() instanceof LocalDiskObjectStore store)) {
            refuse(context, 404, "not_found", "no such object");
            return;
        }
        String key = context.normalizedPath().substring(LocalDiskObjectStore.URL_PATH.length());
        LocalDiskObjectStore.Grant grant;
        try {
            grant = new LocalDiskObjectStore.Grant(request.getParam("op", ""), key,
                    Long.parseLong(request.getParam("exp", "0")), Long.parseLong(request.getParam("size", "0")),
                    request.getParam("type", ""), request.getParam("name", ""),
                    Boolean.parseBoolean(request.getParam("inline", "false")));
        } catch (NumberFormatException e) {
            refuse(context, 403, "bad_signature", "the URL is not a valid signed URL");
            return;
        }
        if (!store.allows(grant, request.getParam("sig"))) {
            refuse(context, 403, "bad_signature", "the URL's signature does not match or it has expired");
            return;
        }
        if (request.method() == HttpMethod.PUT && grant.op().equals("put")) {
            upload(context, store, grant);
        } else if ((request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) && grant.op().equals("get")) {
            download(context, store, grant);
        } else {
            refuse(context, 405, "method_not_allowed", "this URL is signed for another method");
        }
    }

    private static void upload(RoutingContext context, LocalDiskObjectStore store, LocalDiskObjectStore.Grant grant) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.equals(Long.toString(grant.size()))) {
            refuse(context, 400, "upload_mismatch", "Content-Length must be the size the upload was signed for ("
                    + grant.size() + ")");
            return;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!grant.contentType().equals(type)) {
            refuse(context, 400, "upload_mismatch", "Content-Type must be " + grant.contentType());
            return;
        }
        request.pause();
        var fs = context.vertx().fileSystem();
        Path target = store.file(grant.key());
        String temporary = target + ".uploading-" + java.util.UUID.randomUUID();
        fs.mkdirs(target.getParent().toString())
                .compose(ignored -> fs.open(temporary, new OpenOptions().setCreateNew(true).setWrite(true)))
                .compose(file -> request.pipeTo(file))
                .compose(ignored -> fs.writeFile(store.typeFile(grant.key()).toString(),
                        io.vertx.core.buffer.Buffer.buffer(grant.contentType())))
                .compose(ignored -> fs.move(temporary, target.toString(),
                        new io.vertx.core.file.CopyOptions().setReplaceExisting(true).setAtomicMove(true)))
                .onSuccess(ignored -> context.response().setStatusCode(200).end())
                .onFailure(failure -> {
                    fs.delete(temporary);
                    if (!context.response().ended()) {
                        refuse(context, 500, "internal_error", "the upload could not be stored");
                    }
                });
    }

    private static void download(RoutingContext context, LocalDiskObjectStore store, LocalDiskObjectStore.Grant grant) {
        HttpServerResponse response = context.response();
        String disposition = ObjectStore.contentDisposition(grant.fileName(), grant.inline());
        String file = store.file(grant.key()).toString();
        context.vertx().fileSystem().exists(file).onComplete(exists -> {
            if (exists.failed() || !exists.result()) {
                refuse(context, 404, "not_found", "no such object");
                return;
            }
            response.putHeader(HttpHeaders.CONTENT_TYPE, grant.contentType())
                    .putHeader("Content-Disposition", disposition)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=300");
            response.sendFile(file);
        });
    }

    private static void refuse(RoutingContext context, int status, String code, String detail) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", code).put("status", status)
                        .put("detail", detail).put("code", code).encode());
    }
}
