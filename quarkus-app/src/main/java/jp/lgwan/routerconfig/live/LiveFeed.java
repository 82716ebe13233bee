package jp.lgwan.routerconfig.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Announces a change to every instance's live views through PostgreSQL's NOTIFY, in the caller's
 * transaction: PostgreSQL delivers it when (and only if) the transaction commits, so a view never
 * shows a move that was rolled back, and every instance on the database hears it — a window run by
 * another instance shows live here too. {@link LiveListener} hears them.
 */
@ApplicationScoped
public class LiveFeed {

    static final String CHANNEL = "lgwan_live";
    /** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more: texts are cut well below it. */
    static final int LONGEST_TEXT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;

    public LiveFeed(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void announce(String type, Map<String, ?> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        data.forEach((name, value) -> payload.put(name, value instanceof String text && text.length() > LONGEST_TEXT
                ? text.substring(0, LONGEST_TEXT) + "…" : value));
        String json;
        try {
            json = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("live event not serializable: " + e.getMessage(), e);
        }
        // pg_notify returns void, which no JDBC type maps: count the one row it makes instead
        em.createNativeQuery("select count(*) from pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, json).getSingleResult();
    }
}
