/**
 * The compatibility kit: abstract JUnit 5 classes that an adapter extends to prove that it
 * honours the SPI contract. {@link dev.segmentkit.tck.TargetGroupStoreContract} checks the TGS
 * rules, {@link dev.segmentkit.tck.SegmentSourceContract} the SRC rules of the README's "Writing
 * an adapter" section; each test's name starts with the rule it checks.
 *
 * <p>Shipped in the {@code tests} test-jar of {@code dev.segmentkit:segmentkit}.
 *
 * <p>Parameters and return values are non-null unless marked {@code Optional}.
 */
package dev.segmentkit.tck;
