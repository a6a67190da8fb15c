import Foundation

/// `data/datapackage.json`: the whole site as a Frictionless Tabular Data Package, so the CSVs can
/// be loaded and validated by standard tools (`frictionless validate`), with field types, units
/// and descriptions in Chinese.
enum DataPackage {
    struct Resource {
        var name: String
        var path: String
        var title: String
        var description: String
        var columns: [OpenDataTables.Column]
    }

    static func json(title: String, resources: [Resource]) -> [UInt8] {
        var json = JSONText()
        json.raw("{\n  \"profile\": \"tabular-data-package\",\n  \"name\": \"perfsite-open-data\",\n  \"title\": ")
        json.string(title + " 开放数据")
        json.raw(",\n  \"description\": ")
        json.string("部门预算绩效目标表的全部数据:部门、年度工作任务和绩效指标各一张表。金额单位为万元,按表格原值精确到分。")
        json.raw(",\n  \"resources\": [")
        for (index, resource) in resources.enumerated() {
            json.raw(index == 0 ? "\n    {" : ",\n    {")
            json.raw(
                "\"name\": \"\(resource.name)\", \"path\": \"\(resource.path)\", \"profile\": \"tabular-data-resource\", "
            )
            json.raw("\"format\": \"csv\", \"mediatype\": \"text/csv\", \"encoding\": \"utf-8-sig\", \"title\": ")
            json.string(resource.title)
            json.raw(", \"description\": ")
            json.string(resource.description)
            json.raw(", \"dialect\": {\"delimiter\": \",\", \"lineTerminator\": \"\\r\\n\", \"header\": true}")
            json.raw(", \"schema\": {\"missingValues\": [\"\"], \"fields\": [")
            for (fieldIndex, column) in resource.columns.enumerated() {
                json.raw(fieldIndex == 0 ? "\n      {" : ",\n      {")
                json.raw("\"name\": ")
                json.string(column.title)
                json.raw(", \"title\": ")
                json.string(column.title)
                json.raw(", \"type\": \"\(column.kind.rawValue)\", \"description\": ")
                json.string(column.description)
                json.raw("}")
            }
            json.raw("\n    ]}}")
        }
        json.raw("\n  ]\n}\n")
        return json.bytes
    }
}
