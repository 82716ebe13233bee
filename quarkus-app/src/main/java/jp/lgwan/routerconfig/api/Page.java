package jp.lgwan.routerconfig.api;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.function.Function;
import jp.lgwan.routerconfig.change.ChangeRefused;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** One page of a list: {@code ?page=0&size=50} (size at most 500), with the total to page through. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    /**
     * {@code ?page=&size=} as sent, read as text and parsed here, so that what is no integer, out of
     * range, or a page starting past the last row any list can have (page × size over 2³¹ − 1, which
     * overflowed into a negative first row: 500) is refused naming its parameter (400).
     */
    public static final class Request {
        @QueryParam("page")
        @DefaultValue("0")
        @Parameter(description = "the page, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0"))
        String page;

        @QueryParam("size")
        @DefaultValue("50")
        @Parameter(description = "items per page, 1 to " + MAX_SIZE, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500"))
        String size;

        int size() {
            int value = integer("size", size);
            if (value < 1 || value > MAX_SIZE) {
                throw refused("size", "size must be 1 to " + MAX_SIZE + ", got " + value);
            }
            return value;
        }

        int page() {
            int value = integer("page", page);
            if (value < 0) {
                throw refused("page", "page must be 0 or more, got " + value);
            }
            int size = size();
            if ((long) value * size > Integer.MAX_VALUE) {
                throw refused("page", "page " + value + " of size " + size + " starts past row " + Integer.MAX_VALUE
                        + ", the last any list can have; the last page of that size is " + (Integer.MAX_VALUE / size));
            }
            return value;
        }

        private static int integer(String name, String text) {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw refused(name, name + " must be an integer, got \"" + text + "\"");
            }
        }

        private static ChangeRefused refused(String field, String detail) {
            return ChangeRefused.badRequest("invalid-page", "Invalid page", detail).with("field", field);
        }
    }

    static <E, T> Page<T> of(PanacheQuery<E> query, Request request, Function<E, T> view) {
        int page = request.page();
        int size = request.size();
        List<T> items = query.page(io.quarkus.panache.common.Page.of(page, size)).list().stream().map(view).toList();
        return new Page<>(items, page, size, query.count());
    }

    /** One page of {@code all}, only its items made into views. */
    static <E, T> Page<T> of(List<E> all, Request request, Function<E, T> view) {
        Page<E> page = of(all, request);
        return new Page<>(page.items().stream().map(view).toList(), page.page(), page.size(), page.total());
    }

    static <T> Page<T> of(List<T> all, Request request) {
        int page = request.page();
        int size = request.size();
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new Page<>(all.subList(from, to), page, size, all.size());
    }
}
