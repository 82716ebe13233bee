package jp.lgwan.routerconfig.render;

import java.util.Map;

/**
 * The intended configuration of one router, as its vendor's CLI writes it, with the vendor-neutral
 * model it was rendered from (what {@link ChangeRisk} compares).
 */
public record RenderedConfig(String hostname, String profile, String text, Map<String, Object> model) {
}
