package io.resettle.output;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.SchemaOutputResolver;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.Result;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/**
 * How the tests check a pain.001.001.09 file. No package of the allowed registries ships the ISO
 * 20022 XSD, so the schema is generated from Prowide's JAXB model of the message
 * (com.prowidesoftware:pw-iso20022): element names, their nesting and order, which are required,
 * dates and decimals, in the message's namespace. The XSD's length and pattern facets and its code
 * lists are not in it (the model types codes as text): the tests read the file into Prowide's model
 * ({@link #parse}), where a code is an enum, and check the values there.
 */
public final class Pain001Check {

    private static Schema schema;

    private Pain001Check() {
    }

    /** Throws (a SAXException naming line and column) when the XML is not a valid pain.001.001.09 document. */
    public static void validate(String xml) throws Exception {
        schema().newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    public static MxPain00100109 parse(String xml) {
        MxPain00100109 message = MxPain00100109.parse(xml);
        if (message == null || message.getCstmrCdtTrfInitn() == null) {
            throw new AssertionError("Prowide does not read this as a pain.001.001.09 CustomerCreditTransferInitiation");
        }
        return message;
    }

    static synchronized Schema schema() throws Exception {
        if (schema == null) {
            Map<String, StringWriter> files = new LinkedHashMap<>();
            JAXBContext.newInstance(MxPain00100109._classes).generateSchema(new SchemaOutputResolver() {
                @Override
                public Result createOutput(String namespace, String file) {
                    StringWriter text = new StringWriter();
                    files.put(file, text);
                    StreamResult result = new StreamResult(text);
                    result.setSystemId(file);
                    return result;
                }
            });
            // The model's types come out in no namespace, the Document element in the message's: put
            // them together in one schema of the message's namespace with qualified elements, as the XSD has it.
            String types = files.values().stream().map(StringWriter::toString)
                    .filter(text -> text.contains("complexType")).findFirst().orElseThrow();
            String merged = types.replaceFirst("<xs:schema ([^>]*)>", "<xs:schema $1 targetNamespace=\""
                    + BankPayoutBatch.NAMESPACE + "\" xmlns=\"" + BankPayoutBatch.NAMESPACE
                    + "\" elementFormDefault=\"qualified\">\n  <xs:element name=\"Document\" type=\"Document\"/>");
            schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(new StreamSource(new StringReader(merged)));
        }
        return schema;
    }
}
