package dev.segmentkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.segmentkit.spi.TargetGroupStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder and the schema text; needs no database. */
class JdbcTargetGroupStoreBuilderTest {

    private final DataSource dataSource = mock(DataSource.class);

    @Test
    @DisplayName("TargetGroupStore.jdbc builds a store with the default settings without touching the database")
    void factoryUsesDefaultsAndTouchesNothing() {
        JdbcTargetGroupStore store = TargetGroupStore.jdbc(dataSource);

        assertThat(store.tablePrefix()).isEqualTo("segmentkit_");
        assertThat(store.batchSize()).isEqualTo(JdbcTargetGroupStore.DEFAULT_BATCH_SIZE);
        assertThat(store.fetchSize()).isEqualTo(JdbcTargetGroupStore.DEFAULT_FETCH_SIZE);
        verifyNoInteractions(dataSource);
    }

    @Test
    @DisplayName("the builder applies every option")
    void builderAppliesOptions() {
        JdbcTargetGroupStore store = JdbcTargetGroupStore.builder(dataSource)
                .tablePrefix("crm_").batchSize(250).fetchSize(42).build();

        assertThat(store.tablePrefix()).isEqualTo("crm_");
        assertThat(store.batchSize()).isEqualTo(250);
        assertThat(store.fetchSize()).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "x;DROP TABLE y", "a.b", "\"q\"",
        "abcdefghijklmnopqrstuvwxyz012345"})
    @DisplayName("a table prefix that is not a short identifier is refused, naming the value")
    void badPrefixIsRefused(String prefix) {
        assertThatThrownBy(() -> JdbcTargetGroupStore.builder(dataSource).tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + prefix + "'");
    }

    @Test
    @DisplayName("batch and fetch sizes out of range are refused, naming the value")
    void sizesOutOfRangeAreRefused() {
        int tooBig = JdbcTargetGroupStore.Builder.MAX_BATCH_SIZE + 1;
        assertThatThrownBy(() -> JdbcTargetGroupStore.builder(dataSource).batchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> JdbcTargetGroupStore.builder(dataSource).batchSize(tooBig))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got " + tooBig);
        assertThatThrownBy(() -> JdbcTargetGroupStore.builder(dataSource).fetchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThat(JdbcTargetGroupStore.Builder.MAX_BATCH_SIZE * 4).isLessThanOrEqualTo(32_767);
    }

    @Test
    @DisplayName("an option set twice is refused")
    void optionSetTwiceIsRefused() {
        JdbcTargetGroupStore.Builder builder = JdbcTargetGroupStore.builder(dataSource)
                .tablePrefix("a_").batchSize(10).fetchSize(10);

        assertThatThrownBy(() -> builder.tablePrefix("b_")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.batchSize(20)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.fetchSize(20)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("null arguments are refused with the parameter's name")
    void nullsAreRefused() {
        assertThatThrownBy(() -> TargetGroupStore.jdbc(null)).hasMessage("dataSource");
        assertThatThrownBy(() -> JdbcTargetGroupStore.builder(dataSource).tablePrefix(null)).hasMessage("tablePrefix");
        JdbcTargetGroupStore store = TargetGroupStore.jdbc(dataSource);
        assertThatThrownBy(() -> store.find(null)).hasMessage("id");
        assertThatThrownBy(() -> store.members(null)).hasMessage("id");
        assertThatThrownBy(() -> store.create(null)).hasMessage("write");
        assertThatThrownBy(() -> store.replace(null, 1)).hasMessage("write");
        assertThatThrownBy(() -> store.update(null, 1)).hasMessage("group");
        assertThatThrownBy(() -> store.delete(null, 1)).hasMessage("id");
        verifyNoInteractions(dataSource);
    }

    @Test
    @DisplayName("schemaSql is the shipped DDL with the store's prefix: three idempotent CREATE TABLEs")
    void schemaSqlCarriesThePrefix() {
        String sql = JdbcTargetGroupStore.builder(dataSource).tablePrefix("crm_").build().schemaSql();

        assertThat(sql).doesNotContain("{prefix}").doesNotContain("--");
        assertThat(sql.split(";\n")).hasSize(3).allSatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS crm_"));
        assertThat(sql).contains("crm_target_groups (", "crm_members (", "crm_import_history (",
                "PRIMARY KEY (group_id, snapshot_version, ordinal)");
    }
}
