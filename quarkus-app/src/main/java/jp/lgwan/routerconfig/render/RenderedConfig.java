package jp.lgwan.routerconfig.render;

/** The intended configuration of one router, as its vendor's CLI writes it. */
public record RenderedConfig(String hostname, String profile, String text) {
}
