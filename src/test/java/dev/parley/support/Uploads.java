package dev.parley.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

/** What a client does with signed storage URLs (PUT the bytes, GET them back), and images to upload. */
public final class Uploads {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    private Uploads() {
    }

    /** A slot for the bytes, the upload through its URL, completion: the attachment as completion answers it. */
    public static io.restassured.path.json.JsonPath upload(Api.User user, String channel, String name, String type,
            byte[] bytes) {
        io.restassured.path.json.JsonPath slot = slot(user, channel, name, type, bytes.length);
        if (!"PUT".equals(slot.getString("uploadMethod"))) {
            throw new AssertionError("uploads are PUTs, not " + slot.getString("uploadMethod"));
        }
        Map<String, String> headers = slot.getMap("uploadHeaders");
        int status = put(URI.create(slot.getString("uploadUrl")), headers, bytes);
        if (status != 200) {
            throw new AssertionError("the upload answered " + status);
        }
        return user.as().post("/api/v1/attachments/" + slot.getString("attachment.id") + "/complete").then()
                .statusCode(200).extract().jsonPath();
    }

    /** An upload slot for a channel (201 expected). */
    public static io.restassured.path.json.JsonPath slot(Api.User user, String channel, String name, String type,
            long size) {
        return user.as().body(Map.of("name", name, "contentType", type, "size", size))
                .post("/api/v1/channels/" + channel + "/attachments").then().statusCode(201).extract().jsonPath();
    }

    /** PUTs the bytes to the URL with the headers the slot named; the status storage answered. */
    public static int put(URI url, Map<String, String> headers, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GETs the URL: its status, headers and body. */
    public static HttpResponse<byte[]> get(URI url) {
        return send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A PNG of the given size, with a gradient so that it compresses like a picture, not like a blank. */
    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The width and height of an image's bytes. */
    public static int[] dimensions(byte[] image) {
        try {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
            if (read == null) {
                throw new AssertionError("not an image ImageIO reads");
            }
            return new int[] { read.getWidth(), read.getHeight() };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
