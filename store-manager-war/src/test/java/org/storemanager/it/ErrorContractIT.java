package org.storemanager.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.storemanager.common.security.Roles;
import org.storemanager.common.testing.DevTokens;

/**
 * The error contract holds for the answers the container and the gateway give themselves, not only
 * for the application's: each case is sent as raw bytes (so that the path, its percent-encoding and
 * the Host header reach the server exactly as written) to both services and through the gateway,
 * and the answer must be its 4xx with {@code {"error": "..."}} as application/json.
 *
 * <p>Not covered, because no setting reaches them (README, "Errors"): a path that is no
 * percent-encoding at all ({@code %ZZ}) or decodes to a control character, refused by Liberty's
 * servlet container in HTML before the application; and the requests Go's HTTP server refuses
 * before the gateway's handler (a malformed Host header or request line, plain text).
 */
class ErrorContractIT {

  private static final URI STORE = URI.create(Stack.STORE_URL);
  private static final URI PAYMENT = URI.create(Stack.PAYMENT_URL);
  private static final URI GATEWAY = URI.create(Stack.GATEWAY_URL);

  static Stream<Arguments> cases() {
    String token = DevTokens.bearer(Roles.MANAGER);
    return Stream.of(
        // Bytes that are no UTF-8: the container used to answer them in HTML (CWWWC0005I).
        Arguments.of(STORE, "GET", "/products/%F2%90", null, token, 400),
        Arguments.of(PAYMENT, "GET", "/payments/%F2%90", null, token, 400),
        Arguments.of(PAYMENT, "POST", "/payments/process/%F2%90", null, token, 400),
        Arguments.of(GATEWAY, "GET", "/store-api/products/%0A%F2%90", null, token, 400),
        Arguments.of(GATEWAY, "GET", "/store-api/products/%F2%90", null, token, 400),
        Arguments.of(GATEWAY, "POST", "/payments-api/payments/process/%F2%90", null, token, 400),
        // A Host header that is no host: was a 500 from the REST runtime.
        Arguments.of(STORE, "GET", "/products/1", "bad host!!", token, 400),
        Arguments.of(PAYMENT, "GET", "/payments/1", "bad host!!", token, 400),
        // A method the path does not have.
        Arguments.of(STORE, "PATCH", "/products/1", null, token, 405),
        Arguments.of(PAYMENT, "PATCH", "/payments/1", null, token, 405),
        Arguments.of(GATEWAY, "PATCH", "/store-api/orders", null, token, 405),
        // No resource, no route.
        Arguments.of(STORE, "GET", "/no/such/path", null, token, 404),
        Arguments.of(PAYMENT, "GET", "/no/such/path", null, token, 404),
        Arguments.of(GATEWAY, "GET", "/no/such/route", null, token, 404),
        // A body declared over 1 MiB.
        Arguments.of(STORE, "POST", "/products", null, token, 413),
        Arguments.of(PAYMENT, "POST", "/payments", null, token, 413),
        Arguments.of(GATEWAY, "POST", "/store-api/products", null, token, 413),
        // No token.
        Arguments.of(STORE, "GET", "/products/1", null, null, 401),
        Arguments.of(GATEWAY, "GET", "/store-api/products/1", null, null, 401));
  }

  @ParameterizedTest(name = "{1} {0}{2} Host={3} -> {5}")
  @MethodSource("cases")
  void everyErrorIsJsonWithAnErrorMessage(
      URI server, String method, String path, String host, String token, int status)
      throws IOException {
    Answer answer = send(server, method, path, host, token, status == 413);
    assertEquals(status, answer.status, answer.toString());
    assertTrue(
        answer.contentType.toLowerCase(Locale.ROOT).startsWith("application/json"),
        answer.toString());
    JsonObject body = Json.createReader(new StringReader(answer.body)).readObject();
    assertTrue(
        body.get("error") instanceof JsonString message && !message.getString().isBlank(),
        answer.toString());
  }

  /** Over the 1 MiB limit of both services. */
  private static final int HUGE = 1_100_000;

  record Answer(int status, String contentType, String body) {}

  /** One HTTP/1.1 request written byte for byte, on a connection of its own. */
  private static Answer send(
      URI server, String method, String path, String host, String token, boolean hugeBody)
      throws IOException {
    String base = server.getPath().replaceAll("/$", "");
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(base).append(path).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(host != null ? host : server.getAuthority()).append("\r\n");
    if (token != null) {
      request.append("Authorization: ").append(token).append("\r\n");
    }
    request.append("Accept: application/json\r\nConnection: close\r\n");
    if (hugeBody) { // sent after the head; a server may answer and close before it has all of it
      request.append("Content-Type: application/json\r\nContent-Length: " + HUGE + "\r\n");
    } else if (method.equals("POST")) {
      request.append("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    }
    if (!method.equals("POST") || hugeBody) {
      request.append("\r\n");
    }
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (hugeBody) {
        try {
          out.write(new byte[HUGE]);
        } catch (IOException e) {
          // the server answered (413) and closed without reading the rest: what is tested
        }
      }
      out.flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  /** Until the server closes, or the answer is complete (a server may keep waiting for a body). */
  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1 && bytes.size() < 1_000_000; ) {
        bytes.write(buffer, 0, n);
        if (complete(bytes.toString(StandardCharsets.UTF_8))) {
          break;
        }
      }
    } catch (java.net.SocketException e) {
      // the server may reset the connection after answering a body it will not read
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A final answer with its Content-Length bytes, or the last chunk of a chunked one. */
  private static boolean complete(String raw) {
    while (raw.startsWith("HTTP/1.1 100") && raw.indexOf("\r\n\r\n") > 0) {
      raw = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0 || raw.startsWith("HTTP/1.1 100")) {
      return false;
    }
    String head = raw.substring(0, end).toLowerCase(Locale.ROOT);
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("content-length:\\s*(\\d+)").matcher(head);
    if (length.find()) {
      return raw.substring(end + 4).getBytes(StandardCharsets.UTF_8).length
          >= Integer.parseInt(length.group(1));
    }
    return head.contains("chunked") && raw.endsWith("0\r\n\r\n");
  }

  /** Status, Content-Type and body of a raw answer (a 100 Continue before it is skipped). */
  private static Answer parse(String raw) {
    while (raw.startsWith("HTTP/1.1 100")) {
      raw = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    }
    int end = raw.indexOf("\r\n\r\n");
    assertTrue(end > 0, "no complete answer: " + raw);
    String[] head = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(head[0].split(" ")[1]);
    String contentType = "";
    boolean chunked = false;
    for (String line : head) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        contentType = line.substring(13).trim();
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    String body = raw.substring(end + 4);
    return new Answer(status, contentType, chunked ? dechunk(body) : body);
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int lineEnd = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
    return out.toString();
  }
}
