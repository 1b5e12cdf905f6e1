package dev.segmentkit.history;

import dev.segmentkit.segment.Operator;
import dev.segmentkit.segment.PropertyPredicate;
import dev.segmentkit.segment.Value;
import java.math.BigDecimal;

/** The operator semantics of the condition language. Stateless. */
final class Predicates {

    private Predicates() {
    }

    /**
     * Tests a property value; {@code actual} is null when the property is absent, which makes
     * every operator false.
     */
    static boolean test(PropertyPredicate predicate, Value actual) {
        if (actual == null) {
            return false;
        }
        Operator op = predicate.operator();
        switch (op) {
            case EXISTS:
                return true;
            case IN:
                for (Value operand : predicate.operands()) {
                    if (equal(actual, operand)) {
                        return true;
                    }
                }
                return false;
            case EQ:
                return equal(actual, predicate.operands().get(0));
            case NE:
                return !equal(actual, predicate.operands().get(0));
            case GT:
            case GTE:
            case LT:
            case LTE:
                Value operand = predicate.operands().get(0);
                if (actual instanceof Value.Number && operand instanceof Value.Number) {
                    return compare(((Value.Number) actual).number(), op,
                            ((Value.Number) operand).number());
                }
                return false;
            case CONTAINS:
                return actual instanceof Value.Text && ((Value.Text) actual).text()
                        .contains(((Value.Text) predicate.operands().get(0)).text());
            case STARTS_WITH:
                return actual instanceof Value.Text && ((Value.Text) actual).text()
                        .startsWith(((Value.Text) predicate.operands().get(0)).text());
            default:
                throw new IllegalStateException("unknown operator " + op);
        }
    }

    static boolean equal(Value a, Value b) {
        if (a instanceof Value.Number && b instanceof Value.Number) {
            return ((Value.Number) a).number().compareTo(((Value.Number) b).number()) == 0;
        }
        return a.equals(b);
    }

    /** Compares numbers with one of the six comparison operators. */
    static boolean compare(BigDecimal value, Operator op, BigDecimal threshold) {
        int c = value.compareTo(threshold);
        switch (op) {
            case EQ:
                return c == 0;
            case NE:
                return c != 0;
            case GT:
                return c > 0;
            case GTE:
                return c >= 0;
            case LT:
                return c < 0;
            case LTE:
                return c <= 0;
            default:
                throw new IllegalArgumentException("not a comparison: " + op.symbol());
        }
    }
}
