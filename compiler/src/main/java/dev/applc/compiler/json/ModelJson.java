package dev.applc.compiler.json;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Origin;
import dev.applc.compiler.model.PartitionType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The model as JSON, for {@code applc show} and for tools: every record component in declaration
 * order (so the output is stable), enums by their spec names, and each element's source span as
 * {@code file:line:col-line:col}.
 */
public final class ModelJson {
  private ModelJson() {}

  public static String write(Object model) {
    return JsonWriter.write(toJson(model));
  }

  public static Object toJson(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Optional<?> o) {
      return o.map(ModelJson::toJson).orElse(null);
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    if (value instanceof Origin o) {
      return o.span().range();
    }
    if (value instanceof PartitionType t) {
      return t.id();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(toJson(v)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), toJson(v)));
      return out;
    }
    if (value instanceof Appliance a) {
      return withEffectiveBoot(a, record(a));
    }
    if (value instanceof Record r) {
      return record(r);
    }
    throw new IllegalArgumentException("no JSON form for " + value.getClass());
  }

  /**
   * Boot settings the spec left unsaid are shown as the build fills them in ({@link
   * EffectiveBoot}), not as {@code null}: a reader of the JSON asks what the appliance gets.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withEffectiveBoot(Appliance a, Map<String, Object> out) {
    Map<String, Object> boot = (Map<String, Object>) out.get("boot");
    ((Map<String, Object>) boot.get("initrd")).put("generator", EffectiveBoot.initrdGenerator(a));
    boot.put("uki", toJson(EffectiveBoot.uki(a)));
    return out;
  }

  private static Map<String, Object> record(Record r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        String key = c.getName().equals("origin") ? "span" : c.getName();
        out.put(key, toJson(c.getAccessor().invoke(r)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + c, e);
      }
    }
    return out;
  }
}
