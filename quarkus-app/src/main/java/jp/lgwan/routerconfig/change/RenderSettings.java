package jp.lgwan.routerconfig.change;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;
import jp.lgwan.routerconfig.render.RenderBudget;

/**
 * One router's render budget in the service ({@code lgwan.render.*}). The defaults are the commands' as well and stay
 * declared once, in {@link RenderBudget#DEFAULT}; an unset key means that default.
 */
@ConfigMapping(prefix = "lgwan.render")
public interface RenderSettings {

    /** How long one router's rendering may take. */
    Optional<Duration> timeBudget();

    /** How many characters one router's config may have. */
    Optional<Integer> outputBudget();

    /** The render budget these settings give. */
    default RenderBudget budget() {
        return new RenderBudget(timeBudget().orElse(RenderBudget.DEFAULT.time()), outputBudget().orElse(RenderBudget.DEFAULT.outputChars()));
    }
}
