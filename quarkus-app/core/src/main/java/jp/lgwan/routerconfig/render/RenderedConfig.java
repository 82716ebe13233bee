package jp.lgwan.routerconfig.render;


/**
 * The intended configuration of one router, as its vendor's CLI writes it, with the vendor-neutral
 * model it was rendered from (what {@link ChangeRisk} compares).
 */
public record RenderedConfig(String hostname, String profile, String text, RouterModel model) {
}
