/**
 * Describe payloads in Salesforce's shape (field and object attributes clients such as jsforce,
 * the Salesforce CLI and our own mapping page read). Built once per object and API version, then
 * cached on the schema until a custom field changes it.
 */
import type { ObjectSchema } from './catalogue.ts';
import type { ChildRelationship } from './child-relationships.ts';
import type { FieldDef } from './fields.ts';

const SOAP_TYPES: Record<FieldDef['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  string: 'xsd:string',
  textarea: 'xsd:string',
  phone: 'xsd:string',
  email: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  double: 'xsd:double',
  int: 'xsd:int',
  currency: 'xsd:double',
  percent: 'xsd:double',
};

/** One entry of `fields` in an sObject describe. */
export function describeField(f: FieldDef): Record<string, unknown> {
  const text = f.type === 'string' || f.type === 'textarea' || f.type === 'phone' || f.type === 'email' || f.type === 'url' || f.type === 'picklist' || f.type === 'id' || f.type === 'reference';
  const longText = f.type === 'textarea' && f.length > 255;
  return {
    aggregatable: !longText,
    aiPredictionField: false,
    autoNumber: false,
    byteLength: text ? f.length * 3 : 0,
    calculated: f.calculated,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: f.caseSensitive,
    compoundFieldName: null,
    controllerName: null,
    createable: f.createable,
    custom: f.custom,
    defaultValue: f.type === 'boolean' ? f.defaultValue : null,
    defaultValueFormula: null,
    defaultedOnCreate: f.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: f.digits,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: f.externalId,
    extraTypeInfo: longText ? 'plaintextarea' : null,
    filterable: !longText,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: !longText && f.type !== 'double' && f.type !== 'currency' && f.type !== 'percent' && f.type !== 'datetime',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: f.idLookup,
    inlineHelpText: null,
    label: f.label,
    length: f.length,
    mask: null,
    maskType: null,
    name: f.name,
    nameField: f.nameField,
    namePointing: f.referenceTo.length > 1,
    nillable: f.nillable,
    permissionable: f.custom || (f.nillable && f.createable),
    picklistValues: f.picklistValues.map((p) => ({ ...p, validFor: null })),
    polymorphicForeignKey: f.referenceTo.length > 1,
    precision: f.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: f.referenceTo,
    relationshipName: f.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: f.restrictedPicklist,
    scale: f.scale,
    searchPrefilterable: f.type === 'reference',
    soapType: SOAP_TYPES[f.type],
    sortable: !longText,
    type: f.type,
    unique: f.unique,
    updateable: f.updateable,
    writeRequiresMasterRead: false,
  };
}

/** The `urls` block of an object, for the given `/services/data/vXX.X` base. */
function objectUrls(schema: ObjectSchema, base: string): Record<string, string> {
  const root = `${base}/sobjects/${schema.name}`;
  return {
    compactLayouts: `${root}/describe/compactLayouts`,
    rowTemplate: `${root}/{ID}`,
    approvalLayouts: `${root}/describe/approvalLayouts`,
    defaultValues: `${root}/defaultValues?recordTypeId&fields`,
    listviews: `${root}/listviews`,
    describe: `${root}/describe`,
    quickActions: `${root}/quickActions`,
    layouts: `${root}/describe/layouts`,
    sobject: root,
  };
}

/** The object summary used by the global describe and the sObject basic-information resource. */
export function describeGlobalEntry(schema: ObjectSchema, base: string): Record<string, unknown> {
  const d = schema.def;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: d.createable,
    custom: d.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: d.deletable,
    deprecatedAndHidden: false,
    feedEnabled: true,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: d.keyPrefix,
    label: d.label,
    labelPlural: d.labelPlural,
    layoutable: true,
    mergeable: d.name !== 'User' && d.deletable,
    mruEnabled: true,
    name: d.name,
    queryable: d.queryable,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: d.deletable,
    updateable: d.updateable,
    urls: objectUrls(schema, base),
  };
}

/** The full sObject describe (cached per API version until the object's metadata changes). */
export function describeObject(schema: ObjectSchema, base: string, childRelationships: ChildRelationship[]): Record<string, unknown> {
  const key = `describe:${base}`;
  const cached = schema.cache.get(key) as Record<string, unknown> | undefined;
  if (cached) return cached;
  const d = schema.def;
  const body = {
    actionOverrides: [],
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    childRelationships,
    compactLayoutable: true,
    createable: d.createable,
    custom: d.custom,
    customSetting: false,
    deepCloneable: false,
    defaultImplementation: null,
    deletable: d.deletable,
    deprecatedAndHidden: false,
    extendedBy: null,
    extendsInterfaces: null,
    feedEnabled: true,
    fields: schema.fields.map(describeField),
    hasSubtypes: false,
    implementedBy: null,
    implementsInterfaces: null,
    isInterface: false,
    isSubtype: false,
    keyPrefix: d.keyPrefix,
    label: d.label,
    labelPlural: d.labelPlural,
    layoutable: true,
    listviewable: null,
    lookupLayoutable: null,
    mergeable: d.name !== 'User' && d.deletable,
    mruEnabled: true,
    name: d.name,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    queryable: d.queryable,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `${base}/sobjects/${d.name}/describe/layouts/012000000000000AAA` },
      },
    ],
    replicateable: true,
    retrieveable: true,
    searchLayoutable: true,
    searchable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All ' + d.labelPlural.toLowerCase(), name: 'everything' }],
    triggerable: true,
    undeletable: d.deletable,
    updateable: d.updateable,
    urls: objectUrls(schema, base),
  };
  schema.cache.set(key, body);
  return body;
}
