package dev.segmentkit.kitproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.segmentkit.spi.TargetGroupStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Proves that the compatibility kit has teeth: it runs the whole kit, through the JUnit Platform
 * Launcher, on adapters that each break one rule, and checks that the kit fails on that rule and
 * on no rule the adapter keeps.
 */
class KitHasTeethTest {

    private static final Pattern RULE = Pattern.compile("^(tgs|src)(\\d+)_");

    static Stream<Arguments> brokenAdapters() {
        return Stream.of(
                Arguments.of(BrokenAdapterKits.ReturnsItsMutableIndexKit.class, "TGS-1", Set.of()),
                Arguments.of(BrokenAdapterKits.CreateOverwritesKit.class, "TGS-2", Set.of("TGS-4")),
                Arguments.of(BrokenAdapterKits.IgnoresExpectedVersionKit.class, "TGS-3", Set.of("TGS-4")),
                Arguments.of(BrokenAdapterKits.WritesMembersInPlaceKit.class, "TGS-5", Set.of("TGS-4", "TGS-13")),
                Arguments.of(BrokenAdapterKits.CollatesCaseInsensitivelyKit.class, "TGS-6", Set.of("TGS-11")),
                Arguments.of(BrokenAdapterKits.StreamsLiveMembersKit.class, "TGS-7", Set.of()),
                Arguments.of(BrokenAdapterKits.LeaksUnfinishedStreamsKit.class, "TGS-8", Set.of()),
                Arguments.of(BrokenAdapterKits.ClaimsMembersOutsideHeapKit.class, "TGS-9", Set.of()),
                Arguments.of(BrokenAdapterKits.ListGoesStaleKit.class, "TGS-12", Set.of()),
                Arguments.of(BrokenAdapterKits.ExportMixesRevisionsKit.class, "SRC-3", Set.of()),
                Arguments.of(BrokenAdapterKits.ListCachedForeverKit.class, "SRC-5", Set.of("SRC-6")));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("brokenAdapters")
    @DisplayName("the kit fails a broken adapter on the rule it breaks, and on no rule it keeps")
    void kitFailsBrokenAdapterOnTheRuleItBreaks(Class<?> kit, String rule, Set<String> alsoBroken) {
        Outcome outcome = run(kit);

        assertThat(outcome.passed).as("tests that passed (the kit ran)").isNotEmpty();
        assertThat(outcome.failedRules()).as("rules failed by %s", kit.getSimpleName()).contains(rule);
        Set<String> allowed = new TreeSet<>(alsoBroken);
        allowed.add(rule);
        assertThat(outcome.failedRules()).as("rules failed by %s; failures: %s", kit.getSimpleName(),
                outcome.failures).isSubsetOf(allowed);
    }

    @Test
    @DisplayName("the same harness finds no failure in the correct store that the broken ones derive from")
    void kitPassesTheCorrectBaseOfTheBrokenStores() {
        Outcome outcome = run(SimpleStoreKit.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.passed).hasSizeGreaterThan(30);
    }

    @Test
    @DisplayName("the outside-heap check of TGS-9 passes a store that keeps no member string it was given")
    void kitPassesAStoreThatKeepsNoMemberStringsItWasGiven() {
        Outcome outcome = run(CopiesMembersKit.class);

        assertThat(outcome.failures).isEmpty();
        assertThat(outcome.passed).contains("tgs9_storeKeepingMembersOutsideHeapHoldsNoMemberInHeap");
    }

    /**
     * Stands in for a store that writes members to disk: it keeps copies, not the strings it was
     * handed, so TGS-9's outside-heap check must not fire (no false alarm from the garbage collector).
     */
    static class CopiesMembersKit extends BrokenAdapterKits.StoreKit {
        CopiesMembersKit() {
            super(() -> new SimpleStore() {
                @Override
                protected List<String> stage(java.util.Iterator<String> members, Entry previous) {
                    List<String> copies = new ArrayList<>();
                    members.forEachRemaining(m -> copies.add(new String(m.toCharArray())));
                    return copies;
                }
            });
        }

        @Override
        protected boolean keepsMembersOutsideHeap() {
            return true;
        }
    }

    /** The correct store that the broken ones override, run through the same harness as a control. */
    static class SimpleStoreKit extends BrokenAdapterKits.StoreKit {
        SimpleStoreKit() {
            super(SimpleStore::new);
        }
    }

    private static Outcome run(Class<?> kit) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(kit))
                .configurationParameter(OnlyWhenProvingTheKit.PARAMETER, "true")
                .build();
        Outcome outcome = new Outcome();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, outcome);
        return outcome;
    }

    /** Collects which tests passed and which failed, by method name. */
    private static final class Outcome implements TestExecutionListener {
        final List<String> passed = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();

        @Override
        public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failures.add(id.getDisplayName() + " (container): " + result.getThrowable().orElse(null));
                }
                return;
            }
            String name = id.getSource()
                    .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                    .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName()).orElse(id.getDisplayName());
            switch (result.getStatus()) {
                case SUCCESSFUL -> passed.add(name);
                case ABORTED -> skipped.add(name);
                case FAILED -> failures.add(name);
                default -> throw new IllegalStateException(result.toString());
            }
        }

        Set<String> failedRules() {
            Set<String> rules = new TreeSet<>();
            for (String failure : failures) {
                Matcher m = RULE.matcher(failure);
                rules.add(m.find() ? m.group(1).toUpperCase() + "-" + m.group(2) : "not a rule: " + failure);
            }
            return rules;
        }
    }
}
