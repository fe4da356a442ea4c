package dev.applc.backends.template;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders the FreeMarker templates that sit beside each backend (resources under {@code
 * dev/applc/backends/BACKEND/}). Settings make output independent of the machine: fixed locale and
 * time zone, computer number format, errors instead of silent blanks.
 */
public final class Templates {
  private static final Configuration CONFIG = configuration(false);

  /**
   * For shell scripts: {@code [=name]} interpolation, so bash's own {@code ${...}} needs no escape.
   */
  private static final Configuration SCRIPTS = configuration(true);

  private Templates() {}

  private static Configuration configuration(boolean squareBrackets) {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    if (squareBrackets) {
      c.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
    }
    c.setTemplateLoader(new ClassTemplateLoader(Templates.class, "/dev/applc/backends"));
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setTimeZone(TimeZone.getTimeZone("UTC"));
    c.setNumberFormat("computer");
    c.setBooleanFormat("c");
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setAPIBuiltinEnabled(false);
    return c;
  }

  /**
   * Renders {@code name} (such as {@code repart/partition.conf.ftl}) with a model of maps, lists,
   * strings, numbers and booleans that the backend has already checked and escaped.
   */
  public static String render(String name, Map<String, ?> model) {
    return render(CONFIG, name, model);
  }

  /** Renders a shell-script template, whose interpolations are written {@code [=name]}. */
  public static String renderScript(String name, Map<String, ?> model) {
    return render(SCRIPTS, name, model);
  }

  private static String render(Configuration config, String name, Map<String, ?> model) {
    try {
      Template t = config.getTemplate(name);
      StringWriter out = new StringWriter();
      t.process(model, out);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("template " + name, e);
    } catch (TemplateException e) {
      throw new IllegalStateException("template " + name + " failed: " + e.getMessage(), e);
    }
  }
}
