package jp.lgwan.routerconfig.inventory.rules;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.lgwan.routerconfig.inventory.Finding;
import jp.lgwan.routerconfig.inventory.load.SourceLocations;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The single-field rules: the Bean Validation constraints on the inventory records, run with
 * Hibernate Validator and turned into findings at the field's file, line and column. The rule id
 * is the constraint's name in kebab-case ({@code @CliSafe} is {@code cli-safe}), except for the
 * standard constraints, which read better under a plain word.
 */
public final class FieldRules {

    private static final Map<String, String> STANDARD_RULE_IDS = Map.of(
            "NotNull", "required", "NotBlank", "required", "NotEmpty", "required",
            "Pattern", "format", "Email", "format", "Size", "length",
            "Positive", "range", "Min", "range", "Max", "range");

    private static final class Holder {
        // built once per process: Hibernate Validator's start-up is the slow part, not the checks
        static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                // every property is reachable: the records are plain data. Hibernate Validator's default asks
                // JPA whether each property is loaded when JPA is on the class path (it is, in the product):
                // 15 % of validating a 10,000-router fleet went to that question (JFR, BENCHMARKS.md)
                .traversableResolver(new Reachable())
                .defaultLocale(Locale.ROOT)
                .buildValidatorFactory();
    }

    private static final class Reachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootType, Path path, ElementType type) {
            return true;
        }
    }

    private final Validator validator = Holder.FACTORY.getValidator();
    private final SourceLocations locations;

    public FieldRules(SourceLocations locations) {
        this.locations = locations;
    }

    public List<Finding> check(Object root) {
        List<Finding> findings = new ArrayList<>();
        for (ConstraintViolation<Object> violation : validator.validate(root)) {
            Object bean = violation.getLeafBean();
            String component = lastName(violation.getPropertyPath());
            if (locations.isUnreadable(bean, component)) {
                continue;
            }
            SourceLocations.Location at = locations.of(bean, component);
            findings.add(new Finding(Finding.Severity.ERROR, at.file(), at.line(), at.column(),
                    ruleId(violation.getConstraintDescriptor().getAnnotation()), at.path(), message(violation)));
        }
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column).thenComparing(Finding::ruleId));
        return findings;
    }

    static String ruleId(Annotation constraint) {
        String name = constraint.annotationType().getSimpleName();
        String standard = STANDARD_RULE_IDS.get(name);
        return standard != null ? standard : name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String message(ConstraintViolation<Object> violation) {
        String name = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        boolean missing = violation.getInvalidValue() == null;
        if (missing && (name.equals("NotNull") || name.equals("NotBlank") || name.equals("NotEmpty"))) {
            return "is required";
        }
        return violation.getMessage();
    }

    private static String lastName(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }
}
