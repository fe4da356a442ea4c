${line}
