package jp.lgwan.routerconfig.api;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.List;
import java.util.function.Function;
import jp.lgwan.routerconfig.change.ChangeRefused;

/** One page of a list: {@code ?page=0&size=50} (size at most 500), with the total to page through. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    static void check(int page, int size) {
        if (page < 0) {
            throw ChangeRefused.unprocessable("invalid-page", "Invalid page", "page must be 0 or more, got " + page).with("field", "page");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ChangeRefused.unprocessable("invalid-page", "Invalid page size", "size must be 1 to " + MAX_SIZE + ", got " + size)
                    .with("field", "size");
        }
    }

    static <E, T> Page<T> of(PanacheQuery<E> query, int page, int size, Function<E, T> view) {
        check(page, size);
        List<T> items = query.page(io.quarkus.panache.common.Page.of(page, size)).list().stream().map(view).toList();
        return new Page<>(items, page, size, query.count());
    }

    static <T> Page<T> of(List<T> all, int page, int size) {
        check(page, size);
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new Page<>(all.subList(from, to), page, size, all.size());
    }
}
