package dev.segmentkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmentkit.segment.Segment;
import dev.segmentkit.segment.SegmentId;
import dev.segmentkit.segment.SegmentOrigin;
import dev.segmentkit.spi.SegmentExport;
import dev.segmentkit.spi.SegmentNotFoundException;
import dev.segmentkit.spi.SegmentSource;
import dev.segmentkit.spi.SegmentSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit for {@link SegmentSource} adapters: extend it and implement
 * {@link #createSource(List)}, which puts the segments each test needs into a fresh backing system
 * and returns a source reading it; every SRC rule of the README's "Writing an adapter" section is
 * then checked. Each test's name starts with the rule it checks ({@code src3_...} checks SRC-3).
 *
 * <p>The rules about change (SRC-3 while a segment changes, SRC-5, SRC-6) need a way to change the
 * backing system behind the source's back: an adapter declares it by returning a
 * {@link SourceEditor} from {@link #editor(SegmentSource)}; without one those tests are skipped.
 */
@DisplayName("SegmentSource contract")
public abstract class SegmentSourceContract {

    /** The size of the large segment of SRC-9. */
    protected static final int LARGE_SEGMENT_SIZE = 1_000_000;

    private final List<SegmentSource> created = new ArrayList<>();

    /**
     * Creates the source under test over a fresh backing system that holds exactly the given
     * segments (and nothing from other tests). The source gives each segment its revision.
     *
     * @param fixtures the segments, with their members in no particular order
     * @return the source
     */
    protected abstract SegmentSource createSource(List<SegmentFixture> fixtures);

    /**
     * Returns an editor that changes the backing system of a source made by
     * {@link #createSource(List)}, as the Segment Manager would. The default returns empty: the
     * adapter's backing system cannot be changed by the kit, and the rules about change are skipped.
     *
     * @param source a source made by {@link #createSource(List)}
     * @return the editor, or empty when the adapter offers none
     */
    protected Optional<SourceEditor> editor(SegmentSource source) {
        return Optional.empty();
    }

    @AfterEach
    void closeSources() throws Exception {
        for (SegmentSource s : created) {
            if (s instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        created.clear();
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-1: returned values are immutable")
    class Immutability {

        @Test
        @DisplayName("the list of summaries cannot be modified")
        void src1_listIsUnmodifiable() {
            SegmentSource source = source(fixture("a", 3), fixture("b", 3));
            List<SegmentSummary> list = source.list();

            assertThatThrownBy(list::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.add(list.get(0))).isInstanceOf(UnsupportedOperationException.class);
            assertThat(source.list()).extracting(SegmentSummary::id).containsExactly(sid("a"), sid("b"));
        }

        @Test
        @DisplayName("a list already returned does not change when the segments change")
        void src1_listIsACopyNotALiveView() {
            SegmentFixture a = fixture("a", 3);
            SegmentSource source = source(a);
            SourceEditor editor = editorOf(source);
            List<SegmentSummary> before = source.list();
            List<SegmentSummary> copy = List.copyOf(before);

            editor.put(a.withName("renamed"));
            editor.put(fixture("b", 2));

            assertThat(before).isEqualTo(copy);
        }

        @Test
        @DisplayName("find returns an equal value every time")
        void src1_findReturnsEqualValues() {
            SegmentSource source = source(fixture("a", 3));

            assertThat(source.find(sid("a"))).isPresent().isEqualTo(source.find(sid("a")));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-2: list is consistent with find")
    class ListAndFind {

        @Test
        @DisplayName("a source without segments lists nothing")
        void src2_emptySourceListsNothing() {
            assertThat(source().list()).isEmpty();
        }

        @Test
        @DisplayName("list holds a summary of every segment that find finds, ordered by id")
        void src2_listHoldsEverySegmentOrderedById() {
            SegmentSource source = source(fixture("c", 2), fixture("a", 1), fixture("b", 0));

            List<SegmentSummary> list = source.list();
            assertThat(list).extracting(SegmentSummary::id).containsExactly(sid("a"), sid("b"), sid("c"));
            for (SegmentSummary summary : list) {
                assertThat(source.find(summary.id()).map(SegmentSummary::of)).contains(summary);
            }
        }

        @Test
        @DisplayName("find returns the segment as the backing system holds it")
        void src2_findReturnsTheSegmentAsHeld() {
            SegmentFixture f = new SegmentFixture(sid("vip"), "K\u00e4ufer \ud83d\uded2 \"VIP\"",
                    "Bought twice,\nrecently; 'quoted' \\ back", SegmentOrigin.PREDEFINED,
                    KitData.definition(2), KitData.members("m", 3));
            SegmentSource source = source(f, fixture("other", 1));

            Segment segment = source.find(sid("vip")).orElseThrow();
            assertThat(segment.name()).isEqualTo(f.name());
            assertThat(segment.description()).isEqualTo(f.description());
            assertThat(segment.origin()).isEqualTo(f.origin());
            assertThat(segment.definition()).isEqualTo(f.definition());
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-3: an export holds the definition and the members of one revision")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    class OneRevision {

        @Test
        @DisplayName("an export holds the segment that find returns and that revision's members")
        void src3_exportHoldsTheCurrentRevision() {
            SegmentFixture a = fixture("a", 50);
            SegmentSource source = source(a, fixture("b", 20));
            Segment found = source.find(sid("a")).orElseThrow();

            try (SegmentExport export = source.export(sid("a"))) {
                assertThat(export.segment()).isEqualTo(found);
                assertThat(export.members().toList()).isEqualTo(a.sortedMembers());
            }
        }

        @Test
        @DisplayName("an export read while its segment changes yields the exported revision only")
        void src3_exportReadWhileTheSegmentChangesYieldsOneRevision() {
            SegmentFixture a = fixture("a", 100);
            SegmentSource source = source(a);
            SourceEditor editor = editorOf(source);
            SegmentFixture changed = a.withDefinition(KitData.definition(7)).withMembers(KitData.members("z", 80));

            List<String> read = new ArrayList<>();
            Segment exported;
            try (SegmentExport export = source.export(sid("a"))) {
                exported = export.segment();
                Iterator<String> it = export.members().iterator();
                for (int i = 0; i < 5; i++) {
                    read.add(it.next());
                }
                editor.put(changed);
                it.forEachRemaining(read::add);
            }
            assertThat(exported.definition()).isEqualTo(a.definition());
            assertThat(read).isEqualTo(a.sortedMembers());
            try (SegmentExport next = source.export(sid("a"))) {
                assertThat(next.segment().definition()).isEqualTo(changed.definition());
                assertThat(next.segment().revision()).isNotEqualTo(exported.revision());
                assertThat(next.members().toList()).isEqualTo(changed.sortedMembers());
            }
        }

        @Test
        @DisplayName("an export taken before a change and read after it yields the exported revision")
        void src3_exportTakenBeforeAChangeYieldsThatRevision() {
            SegmentFixture a = fixture("a", 40);
            SegmentSource source = source(a);
            SourceEditor editor = editorOf(source);

            try (SegmentExport export = source.export(sid("a"))) {
                editor.put(a.withDefinition(KitData.definition(9)).withMembers(KitData.members("z", 10)));
                assertThat(export.segment().definition()).isEqualTo(a.definition());
                assertThat(export.members().toList()).isEqualTo(a.sortedMembers());
            }
        }

        @Test
        @DisplayName("an export taken before its segment is removed still yields the exported revision")
        void src3_exportOfARemovedSegmentYieldsTheExportedRevision() {
            SegmentFixture a = fixture("a", 40);
            SegmentSource source = source(a);
            SourceEditor editor = editorOf(source);

            try (SegmentExport export = source.export(sid("a"))) {
                editor.remove(sid("a"));
                assertThat(export.members().toList()).isEqualTo(a.sortedMembers());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-4: exported members are sorted, unique and complete")
    class Members {

        @Test
        @DisplayName("members come back in String.compareTo order, each once, all of them")
        void src4_exportedMembersAreSortedUniqueAndComplete() {
            TreeSet<String> all = new TreeSet<>(KitData.members("b", 300));
            all.addAll(KitData.members("a", 300));
            all.addAll(KitData.members("B", 100));
            all.addAll(List.of("1", "10", "2", "9", "a", "aa", "a-", "a_", "a.", "Z"));
            SegmentFixture f = fixture("s", 0).withMembers(KitData.shuffled(List.copyOf(all)));
            SegmentSource source = source(f);

            List<String> read = exported(source, sid("s"));
            assertThat(read).isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(read).doesNotHaveDuplicates();
            assertThat(read).isEqualTo(List.copyOf(all));
        }

        @Test
        @DisplayName("a segment without members exports none")
        void src4_segmentWithoutMembersExportsNone() {
            SegmentSource source = source(fixture("empty", 0), fixture("full", 3));

            assertThat(exported(source, sid("empty"))).isEmpty();
            assertThat(exported(source, sid("full"))).hasSize(3);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-5: list and find reflect changes of the backing system on the next call")
    class Changes {

        @Test
        @DisplayName("added, renamed and removed segments show in the next list, find and export")
        void src5_listReflectsChangesOnTheNextCall() {
            SegmentFixture a = fixture("a", 3);
            SegmentFixture b = fixture("b", 3);
            SegmentSource source = source(a, b);
            SourceEditor editor = editorOf(source);
            assertThat(source.list()).hasSize(2);

            editor.put(fixture("c", 4));
            editor.put(a.withName("renamed"));
            editor.remove(sid("b"));

            List<SegmentSummary> list = source.list();
            assertThat(list).extracting(SegmentSummary::id).containsExactly(sid("a"), sid("c"));
            assertThat(list.get(0).name()).isEqualTo("renamed");
            assertThat(source.find(sid("a")).map(Segment::name)).contains("renamed");
            assertThat(source.find(sid("b"))).isEmpty();
            assertThatThrownBy(() -> source.export(sid("b"))).isInstanceOf(SegmentNotFoundException.class);
            assertThat(exported(source, sid("c"))).isEqualTo(fixture("c", 4).sortedMembers());
        }

        @Test
        @DisplayName("changed members show in the next export")
        void src5_changedMembersShowInTheNextExport() {
            SegmentFixture a = fixture("a", 3);
            SegmentSource source = source(a);
            assertThat(exported(source, sid("a"))).isEqualTo(a.sortedMembers());

            editorOf(source).put(a.withMembers(KitData.members("new", 5)));

            assertThat(exported(source, sid("a"))).isEqualTo(KitData.members("new", 5));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-6: a segment's revision changes whenever its name or definition changes, and never repeats")
    class Revisions {

        @Test
        @DisplayName("renaming, redefining and re-creating a segment each give it a revision it never had")
        void src6_revisionChangesOnEveryChangeAndNeverRepeats() {
            SegmentFixture a = fixture("a", 3);
            SegmentSource source = source(a);
            SourceEditor editor = editorOf(source);
            Set<String> revisions = new HashSet<>();
            revisions.add(revision(source, "a"));

            editor.put(a.withName("renamed"));
            assertThat(revisions.add(revision(source, "a"))).as("new revision after a rename").isTrue();
            editor.put(a.withName("renamed").withDefinition(KitData.definition(5)));
            assertThat(revisions.add(revision(source, "a"))).as("new revision after a redefinition").isTrue();
            editor.remove(sid("a"));
            editor.put(a);
            assertThat(revisions.add(revision(source, "a"))).as("new revision after re-creation").isTrue();
        }

        private String revision(SegmentSource source, String id) {
            String fromFind = source.find(sid(id)).orElseThrow().revision();
            assertThat(source.list()).filteredOn(s -> s.id().equals(sid(id)))
                    .extracting(SegmentSummary::revision).containsExactly(fromFind);
            return fromFind;
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-7: a missing id is Optional.empty() for find and SegmentNotFoundException for export")
    class MissingIds {

        @Test
        @DisplayName("find of a missing id is empty")
        void src7_findOfMissingIdIsEmpty() {
            SegmentSource source = source(fixture("a", 1));

            assertThat(source.find(sid("b"))).isEmpty();
            assertThat(source.find(sid("A"))).isEmpty();
        }

        @Test
        @DisplayName("export of a missing id fails with SegmentNotFoundException naming it")
        void src7_exportOfMissingIdFailsWithNotFound() {
            SegmentSource source = source(fixture("a", 1));

            assertThatThrownBy(() -> source.export(sid("b")).close())
                    .isInstanceOfSatisfying(SegmentNotFoundException.class,
                            e -> assertThat(e.segmentId()).isEqualTo(sid("b")));
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-8: every allowed id and member id round-trips unchanged")
    class RoundTrips {

        @Test
        @DisplayName("segment ids with every allowed character, of length 1 and 128, differing only in case, round-trip")
        void src8_everyAllowedSegmentIdRoundTrips() {
            List<SegmentId> ids = KitData.trickySegmentIds();
            List<SegmentFixture> fixtures = new ArrayList<>();
            for (SegmentId id : ids) {
                fixtures.add(new SegmentFixture(id, "Segment " + id.value(), "", SegmentOrigin.CUSTOM,
                        KitData.definition(1), List.of("member of " + id.value())));
            }
            SegmentSource source = createAndTrack(fixtures);

            assertThat(source.list()).extracting(SegmentSummary::id)
                    .containsExactlyElementsOf(ids.stream().sorted().toList());
            for (SegmentId id : ids) {
                assertThat(source.find(id).map(Segment::name)).contains("Segment " + id.value());
                assertThat(exported(source, id)).containsExactly("member of " + id.value());
            }
        }

        @Test
        @DisplayName("member ids with any allowed character round-trip, in String.compareTo order")
        void src8_everyAllowedMemberIdRoundTripsInStringOrder() {
            List<String> members = KitData.trickyMembers();
            SegmentSource source = source(fixture("s", 0).withMembers(KitData.shuffled(members)));

            assertThat(exported(source, sid("s"))).isEqualTo(members);
        }
    }

    // ---------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("SRC-9: exports stream their members lazily and release their resources when closed")
    class Streaming {

        @Test
        @DisplayName("hundreds of exports closed unread or half read leave the source fully usable")
        void src9_closingExportsReleasesTheirResources() {
            SegmentFixture a = fixture("a", 100);
            SegmentSource source = source(a);
            for (int i = 0; i < 300; i++) {
                try (SegmentExport export = source.export(sid("a"))) {
                    Iterator<String> it = export.members().iterator();
                    for (int j = 0; j <= i % 5; j++) {
                        it.next();
                    }
                }
                source.export(sid("a")).close();
            }

            assertThat(exported(source, sid("a"))).isEqualTo(a.sortedMembers());
        }

        @Test
        @DisplayName("a segment of a million members exports as a stream, complete and in order")
        void src9_millionMemberSegmentExportsAsAStream() {
            SegmentSource source = source(fixture("large", 0).withMembers(KitData.generatedList(LARGE_SEGMENT_SIZE)));

            long count = 0;
            try (SegmentExport export = source.export(sid("large")); Stream<String> members = export.members()) {
                Iterator<String> it = members.iterator();
                while (it.hasNext()) {
                    String member = it.next();
                    if (count >= LARGE_SEGMENT_SIZE || !member.equals(KitData.generated((int) count))) {
                        fail("member " + (count + 1) + " is '" + member + "'");
                    }
                    count++;
                }
            }
            assertThat(count).isEqualTo(LARGE_SEGMENT_SIZE);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static SegmentId sid(String value) {
        return SegmentId.of(value);
    }

    private static SegmentFixture fixture(String id, int members) {
        return new SegmentFixture(sid(id), "Segment " + id, "kit fixture " + id, SegmentOrigin.CUSTOM,
                KitData.definition(1), KitData.shuffled(KitData.members(id + "-", members)));
    }

    private SegmentSource source(SegmentFixture... fixtures) {
        return createAndTrack(List.of(fixtures));
    }

    private SegmentSource createAndTrack(List<SegmentFixture> fixtures) {
        SegmentSource source = Objects.requireNonNull(createSource(List.copyOf(fixtures)),
                "createSource returned null");
        created.add(source);
        return source;
    }

    private SourceEditor editorOf(SegmentSource source) {
        Optional<SourceEditor> editor = editor(source);
        assumeTrue(editor.isPresent(), "the adapter offers no SourceEditor");
        return editor.get();
    }

    private static List<String> exported(SegmentSource source, SegmentId id) {
        try (SegmentExport export = source.export(id)) {
            return export.members().toList();
        }
    }
}
