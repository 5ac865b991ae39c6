package wb.cli;

import picocli.CommandLine.ITypeConverter;

import wb.train.Tta;

/** Reads --tta values: none, flip, crop10 (also 10-crop). */
final class TtaConverter implements ITypeConverter<Tta> {
    @Override public Tta convert(String value) {
        return Tta.parse(value);
    }
}
