package dev.segmentkit.kitproof;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the kits of the broken adapters from running in an ordinary test run (they fail, on
 * purpose): they run only when {@link KitHasTeethTest} launches them with the configuration
 * parameter {@value #PARAMETER} set to {@code true}.
 */
final class OnlyWhenProvingTheKit implements ExecutionCondition {

    static final String PARAMETER = "segmentkit.kitproof";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).map(Boolean::parseBoolean).orElse(false)
                ? ConditionEvaluationResult.enabled("proving the kit")
                : ConditionEvaluationResult.disabled("a deliberately broken adapter; run by KitHasTeethTest");
    }
}
