package io.headwater.connectors.verify;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Expression;
import io.headwater.engine.model.Field;
import io.headwater.engine.model.FieldType;
import io.headwater.engine.model.Flow;
import io.headwater.engine.model.MappedField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field a verification compares: its name and logical type on the target, and the expression
 * over the source's columns that produces it (a plain column for a derived store read as it is).
 *
 * @param name       the target field name
 * @param type       the target field's logical type; the canonical text follows it
 * @param expression the flow mapping's expression over source fields
 */
public record ComparedField(String name, FieldType type, Expression expression) {
    public ComparedField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expression, "expression");
    }

    /** The same field read as it is stored under its own name (the derived side). */
    public ComparedField identity() {
        return new ComparedField(name, type, new Expression.Column(name));
    }

    /** The field as the canonical form sees it. */
    public Field field() {
        return new Field(name, type);
    }

    /**
     * The compared fields of a flow from {@code source} to {@code target}: every mapped target field
     * with its expression, or for an identity flow every target field the source also has.
     *
     * @throws StoreException when the flow names a field one of the datasets lacks
     */
    public static List<ComparedField> of(Dataset source, Dataset target, Flow flow) {
        List<ComparedField> out = new ArrayList<>();
        if (flow.isIdentity()) {
            for (Field f : target.fields()) {
                if (source.field(f.name()).isEmpty()) {
                    throw new StoreException("flow " + flow.id() + ": " + target.ref() + "." + f.name() + " has no source field in " + source.ref());
                }
                out.add(new ComparedField(f.name(), f.type(), new Expression.Column(f.name())));
            }
            return out;
        }
        for (MappedField m : flow.mapping()) {
            Field f = target.field(m.target()).orElseThrow(
                    () -> new StoreException("flow " + flow.id() + " maps to '" + m.target() + "', which " + target.ref() + " lacks"));
            for (String s : m.expression().sourceFields()) {
                if (source.field(s).isEmpty()) {
                    throw new StoreException("flow " + flow.id() + ": '" + m + "' reads '" + s + "', which " + source.ref() + " lacks");
                }
            }
            out.add(new ComparedField(f.name(), f.type(), m.expression()));
        }
        return out;
    }

    /** The same fields read as stored (identity expressions). */
    public static List<ComparedField> identities(List<ComparedField> fields) {
        return fields.stream().map(ComparedField::identity).toList();
    }
}
