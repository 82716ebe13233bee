package jp.lgwan.routerconfig.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The running service's API as a client sees it: JSON in and out over HTTP Basic, every refusal an
 * RFC 9457 problem turned into a {@link Refusal} (its title and detail), every failure to reach the
 * service an {@link Unreachable}. A script built on it can never run on after a refusal.
 */
public final class ServiceConnection {

    /** Connecting takes longer than this only when nothing listens or a firewall drops the packets. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The slowest answer measured here: accepting a notification at 3,500 routers renders each diff (~8 s on 2 cores). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientSettings settings;
    private final HttpClient http;

    public ServiceConnection(ClientSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The service said no: its problem's status, title and detail (and the request field it names, if any). */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String title;
        private final String detail;

        Refusal(int status, String title, String detail) {
            super(title + (detail == null || detail.isBlank() ? "" : ": " + detail), null, false, false);
            this.status = status;
            this.title = title;
            this.detail = detail;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }

        public String detail() {
            return detail;
        }
    }

    /** The service could not be asked: nothing listens, the connection broke, or it answered something that is not its API. */
    public static final class Unreachable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    public JsonNode get(String path) throws Refusal, Unreachable {
        return send(request(path).GET().build());
    }

    /** A text answer as it came ({@code text/plain}: a backup's config). */
    public String text(String path) throws Refusal, Unreachable {
        HttpResponse<String> response = exchange(request(path).setHeader("Accept", "text/plain, application/problem+json").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        return response.body();
    }

    public JsonNode post(String path, Object body) throws Refusal, Unreachable {
        String json;
        try {
            json = body == null ? "" : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
        return send(builder.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /**
     * Reads a server-sent event stream, handing each event to {@code until} as it comes, and returns
     * when the stream ends or {@code until} answers true. Comments (the service's keep-alive) are
     * skipped.
     */
    public void events(String path, Listener until) throws Refusal, Unreachable {
        HttpRequest request = request(path).setHeader("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = exchange(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 300) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = String.join("\n", (Iterable<String>) lines::iterator);
            }
            throw refusal(response.statusCode(), body);
        }
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            String name = "message";
            StringBuilder data = new StringBuilder();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty() && until.on(new Event(name, parse(data.toString())))) {
                        return;
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).strip());
                }
            }
        } catch (UncheckedIOException e) {
            throw unreachable(e.getCause());
        }
    }

    /** Hears each event of a stream; answers true to stop listening. It may ask the service again meanwhile. */
    @FunctionalInterface
    public interface Listener {
        boolean on(Event event) throws Refusal, Unreachable;
    }

    /** One server-sent event: its name ({@code job}, {@code step}, {@code router} …) and its JSON data. */
    public record Event(String name, JsonNode data) {
    }

    private HttpRequest.Builder request(String path) {
        String credentials = settings.user() + ":" + new String(settings.password());
        return HttpRequest.newBuilder(URI.create(settings.url() + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json, application/problem+json");
    }

    private JsonNode send(HttpRequest request) throws Refusal, Unreachable {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        return response.body().isBlank() ? NullNode.getInstance() : parse(response.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) throws Unreachable {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    private Refusal refusal(int status, String body) {
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            problem = null;
        }
        if (problem != null && problem.hasNonNull("title")) {
            return new Refusal(status, problem.get("title").asText(), problem.path("detail").asText(null));
        }
        // not a problem document: a proxy's page or another service on the port
        return new Refusal(status, "HTTP " + status, status == 401 ? "the user or password is wrong (" + settings.describe() + ")"
                : "the answer is not the service's problem document: " + abbreviated(body));
    }

    private Unreachable unreachable(Throwable e) {
        String why = e instanceof ConnectException ? "nothing answers" : e instanceof HttpTimeoutException ? "no answer in time" : String.valueOf(e.getMessage());
        return new Unreachable("cannot reach the service at " + settings.url() + ": " + why);
    }

    private JsonNode parse(String text) throws Unreachable {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new Unreachable(settings.url() + " answered something that is not the service's JSON: " + abbreviated(text));
        }
    }

    private static String abbreviated(String text) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
