import type { TemplateBody } from './template.ts';
import {
  APPROVAL_SIGNATURES,
  APPROVAL_SIGNERS,
  line,
  OFFICER_PARTY_SIGNATURES,
  OFFICER_PARTY_SIGNERS,
  para,
  PARTY_FIELDS,
  PARTY_LINES,
  REMEDY_FIELDS,
  REMEDY_SENTENCE,
  signer,
  table,
  text,
} from './template-parts.ts';

/*
 * Shipped templates of the investigation stage (立案 to 集体讨论): wording after the structure of the official
 * administrative penalty forms, written for this platform. A county edits them as new versions.
 */

export const FILING_APPROVAL_TEMPLATE: TemplateBody = {
  title: '立案审批表',
  numberWord: '立字',
  fields: [
    text('caseCause', '案由'),
    ...PARTY_FIELDS,
    text('source', '案件来源'),
    text('sourceDate', '受案时间'),
    text('summary', '简要案情'),
    text('handlerOpinion', '承办人意见'),
    text('approvalOpinion', '审批意见'),
    ...APPROVAL_SIGNERS,
    text('approvalDate', '审批日期'),
  ],
  blocks: [
    { type: 'title', text: '立案审批表' },
    { type: 'number' },
    line('案由：{{caseCause}}'),
    ...PARTY_LINES,
    line('案件来源：{{source}}　　受案时间：{{sourceDate}}'),
    line('简要案情：'),
    para('{{summary}}'),
    line('承办人意见：{{handlerOpinion}}'),
    line('审批意见：{{approvalOpinion}}'),
    APPROVAL_SIGNATURES,
    { type: 'seal', dateField: 'approvalDate' },
  ],
};

export const SITE_INSPECTION_RECORD_TEMPLATE: TemplateBody = {
  title: '现场检查（勘验）笔录',
  numberWord: '检字',
  fields: [
    text('startTime', '检查开始时间'),
    text('endTime', '检查结束时间'),
    text('place', '检查（勘验）地点'),
    ...PARTY_FIELDS,
    text('present', '在场人员', false),
    text('officerCertificates', '执法人员及执法证号'),
    text('findings', '检查（勘验）情况'),
    table('exhibits', '现场取证记录', false),
    ...OFFICER_PARTY_SIGNERS,
    text('recordDate', '记录日期'),
  ],
  blocks: [
    { type: 'title', text: '现场检查（勘验）笔录' },
    { type: 'number' },
    line('时间：{{startTime}}至{{endTime}}'),
    line('地点：{{place}}'),
    ...PARTY_LINES,
    line('执法人员及执法证号：{{officerCertificates}}'),
    line('在场人员：{{present}}'),
    para(
      '执法人员向当事人出示执法证件，表明身份，告知其有申请回避的权利和如实提供证据、配合检查的义务。当事人对执法人员身份无异议，不申请回避。',
    ),
    line('检查（勘验）情况：'),
    para('{{findings}}'),
    {
      type: 'table',
      field: 'exhibits',
      columns: [
        { key: 'item', label: '取证内容', width: 4 },
        { key: 'form', label: '形式', width: 2 },
        { key: 'count', label: '数量', width: 1 },
      ],
    },
    para('以上笔录经当事人核对无误（或已向其宣读）。'),
    OFFICER_PARTY_SIGNATURES,
    line('记录日期：{{recordDate}}'),
  ],
};

export const INQUIRY_RECORD_TEMPLATE: TemplateBody = {
  title: '询问笔录',
  numberWord: '询字',
  fields: [
    text('startTime', '询问开始时间'),
    text('endTime', '询问结束时间'),
    text('place', '询问地点'),
    text('intervieweeName', '被询问人'),
    text('intervieweeId', '被询问人身份证号', false),
    text('intervieweeRelation', '与案件关系'),
    text('officerCertificates', '询问人及执法证号'),
    text('recorder', '记录人'),
    table('questions', '问答', true),
    signer('officer1', '询问人'),
    signer('officer2', '记录人'),
    signer('partySignature', '被询问人'),
    text('recordDate', '记录日期'),
  ],
  blocks: [
    { type: 'title', text: '询问笔录' },
    { type: 'number' },
    line('询问时间：{{startTime}}至{{endTime}}'),
    line('询问地点：{{place}}'),
    line('被询问人：{{intervieweeName}}　身份证号：{{intervieweeId}}'),
    line('与案件关系：{{intervieweeRelation}}'),
    line('询问人及执法证号：{{officerCertificates}}　记录人：{{recorder}}'),
    para(
      '我们是本机关执法人员，已向你出示执法证件。现依法向你进行询问调查，你有如实回答询问、协助调查的义务，也有申请回避、陈述和申辩的权利。你是否申请回避？',
    ),
    {
      type: 'table',
      field: 'questions',
      columns: [
        { key: 'role', label: '问/答', width: 1 },
        { key: 'text', label: '内容', width: 8 },
      ],
    },
    para('以上笔录我已看过（或已向我宣读），与我所说的一致。'),
    {
      type: 'signatures',
      signers: [
        { field: 'officer1', label: '询问人' },
        { field: 'officer2', label: '记录人' },
        { field: 'partySignature', label: '被询问人' },
      ],
    },
    line('记录日期：{{recordDate}}'),
  ],
};

export const EVIDENCE_PRESERVATION_NOTICE_TEMPLATE: TemplateBody = {
  title: '先行登记保存证据通知书',
  numberWord: '先保字',
  fields: [
    ...PARTY_FIELDS,
    text('suspectedViolation', '涉嫌违法行为'),
    text('basis', '法律依据'),
    text('storagePlace', '保存地点'),
    text('storageMode', '保存方式'),
    text('periodStart', '保存期限起'),
    text('periodEnd', '保存期限止'),
    table('items', '先行登记保存物品清单'),
    ...OFFICER_PARTY_SIGNERS,
    text('noticeDate', '通知日期'),
  ],
  blocks: [
    { type: 'title', text: '先行登记保存证据通知书' },
    { type: 'number' },
    line('{{partyName}}：'),
    para(
      '你（单位）涉嫌{{suspectedViolation}}。因证据可能灭失或者以后难以取得，经本机关负责人批准，依据{{basis}}，本机关决定对下列物品先行登记保存。',
    ),
    para(
      '保存地点：{{storagePlace}}；保存方式：{{storageMode}}；保存期限自{{periodStart}}至{{periodEnd}}。在此期间，当事人或者有关人员不得销毁或者转移证据。本机关将在七个工作日内作出处理决定。',
    ),
    {
      type: 'table',
      field: 'items',
      columns: [
        { key: 'name', label: '物品名称', width: 3 },
        { key: 'spec', label: '规格', width: 2 },
        { key: 'quantity', label: '数量', width: 1 },
        { key: 'note', label: '备注', width: 2 },
      ],
    },
    line('当事人证件号码：{{partyIdNumber}}'),
    line('当事人地址：{{partyAddress}}'),
    OFFICER_PARTY_SIGNATURES,
    { type: 'seal', dateField: 'noticeDate' },
  ],
};

export const EVIDENCE_PRESERVATION_DECISION_TEMPLATE: TemplateBody = {
  title: '先行登记保存证据处理决定书',
  numberWord: '先保决字',
  fields: [
    ...PARTY_FIELDS,
    text('noticeNumber', '先行登记保存证据通知书文号'),
    text('noticeDate', '先行登记保存日期'),
    text('decision', '处理决定'),
    table('items', '物品处理清单'),
    ...REMEDY_FIELDS,
    text('decisionDate', '决定日期'),
  ],
  blocks: [
    { type: 'title', text: '先行登记保存证据处理决定书' },
    { type: 'number' },
    line('{{partyName}}：'),
    para('本机关于{{noticeDate}}以{{noticeNumber}}对你（单位）的有关物品先行登记保存。现依法作出如下处理决定：'),
    para('{{decision}}'),
    {
      type: 'table',
      field: 'items',
      columns: [
        { key: 'name', label: '物品名称', width: 3 },
        { key: 'quantity', label: '数量', width: 1 },
        { key: 'handling', label: '处理方式', width: 3 },
      ],
    },
    para(REMEDY_SENTENCE),
    line('当事人证件号码：{{partyIdNumber}}'),
    line('当事人地址：{{partyAddress}}'),
    { type: 'seal', dateField: 'decisionDate' },
  ],
};

export const RECTIFICATION_NOTICE_TEMPLATE: TemplateBody = {
  title: '责令（限期）改正通知书',
  numberWord: '责改字',
  fields: [
    ...PARTY_FIELDS,
    text('violation', '违法行为'),
    text('provision', '违反的规定'),
    text('basis', '责令改正依据'),
    text('deadline', '改正期限'),
    text('requirement', '改正要求'),
    ...OFFICER_PARTY_SIGNERS,
    text('noticeDate', '通知日期'),
  ],
  blocks: [
    { type: 'title', text: '责令（限期）改正通知书' },
    { type: 'number' },
    line('{{partyName}}：'),
    para('经查，你（单位）{{violation}}，违反了{{provision}}的规定。'),
    para('依据{{basis}}的规定，现责令你（单位）于{{deadline}}前改正上述违法行为。改正要求：{{requirement}}'),
    para('逾期不改正的，本机关将依法处理。'),
    line('当事人证件号码：{{partyIdNumber}}'),
    line('当事人地址：{{partyAddress}}'),
    OFFICER_PARTY_SIGNATURES,
    { type: 'seal', dateField: 'noticeDate' },
  ],
};

export const EXTENSION_APPROVAL_TEMPLATE: TemplateBody = {
  title: '案件延期审批表',
  numberWord: '延字',
  fields: [
    text('caseCause', '案由'),
    ...PARTY_FIELDS,
    text('filingDate', '立案日期'),
    text('reason', '延期理由'),
    text('extendTo', '延长至'),
    text('handlerOpinion', '承办人意见'),
    text('approvalOpinion', '审批意见'),
    ...APPROVAL_SIGNERS,
    text('approvalDate', '审批日期'),
  ],
  blocks: [
    { type: 'title', text: '案件延期审批表' },
    { type: 'number' },
    line('案由：{{caseCause}}'),
    ...PARTY_LINES,
    line('立案日期：{{filingDate}}'),
    line('延期理由：'),
    para('{{reason}}'),
    line('拟延长办案期限至：{{extendTo}}'),
    line('承办人意见：{{handlerOpinion}}'),
    line('审批意见：{{approvalOpinion}}'),
    APPROVAL_SIGNATURES,
    { type: 'seal', dateField: 'approvalDate' },
  ],
};

export const INVESTIGATION_FINAL_REPORT_TEMPLATE: TemplateBody = {
  title: '案件调查终结报告',
  numberWord: '终字',
  fields: [
    text('caseCause', '案由'),
    ...PARTY_FIELDS,
    text('process', '调查经过'),
    text('facts', '违法事实'),
    text('evidence', '证据'),
    text('basis', '法律依据'),
    text('discretion', '裁量理由'),
    text('proposal', '处理建议'),
    ...APPROVAL_SIGNERS,
    text('reportDate', '报告日期'),
  ],
  blocks: [
    { type: 'title', text: '案件调查终结报告' },
    { type: 'number' },
    line('案由：{{caseCause}}'),
    ...PARTY_LINES,
    line('一、调查经过'),
    para('{{process}}'),
    line('二、违法事实及证据'),
    para('{{facts}}'),
    para('上述事实有以下证据证明：{{evidence}}'),
    line('三、处理依据及裁量理由'),
    para('{{basis}}{{discretion}}'),
    line('四、处理建议'),
    para('{{proposal}}'),
    APPROVAL_SIGNATURES,
    line('报告日期：{{reportDate}}'),
  ],
};

export const LEGAL_REVIEW_OPINION_TEMPLATE: TemplateBody = {
  title: '法制审核意见书',
  numberWord: '法审字',
  fields: [
    text('caseCause', '案由'),
    ...PARTY_FIELDS,
    text('submittedBy', '送审部门'),
    text('submittedOn', '送审日期'),
    text('reviewItems', '审核内容'),
    text('opinion', '审核意见'),
    signer('officer1', '审核人'),
    signer('officer2', '审核人'),
    signer('approver', '法制机构负责人'),
    text('reviewDate', '审核日期'),
  ],
  blocks: [
    { type: 'title', text: '法制审核意见书' },
    { type: 'number' },
    line('案由：{{caseCause}}'),
    ...PARTY_LINES,
    line('送审部门：{{submittedBy}}　送审日期：{{submittedOn}}'),
    para(
      '根据《中华人民共和国行政处罚法》第五十八条的规定，本机构对该案执法主体、管辖权限、案件事实、证据、法律适用、程序及裁量基准进行了审核。',
    ),
    line('审核内容：'),
    para('{{reviewItems}}'),
    line('审核意见：'),
    para('{{opinion}}'),
    {
      type: 'signatures',
      signers: [
        { field: 'officer1', label: '审核人' },
        { field: 'officer2', label: '审核人' },
        { field: 'approver', label: '法制机构负责人' },
      ],
    },
    { type: 'seal', dateField: 'reviewDate' },
  ],
};

export const COLLECTIVE_DISCUSSION_RECORD_TEMPLATE: TemplateBody = {
  title: '重大案件集体讨论记录',
  numberWord: '集字',
  fields: [
    text('caseCause', '案由'),
    text('partyName', '当事人'),
    text('time', '讨论时间'),
    text('place', '讨论地点'),
    text('chair', '主持人'),
    text('recorder', '记录人'),
    text('attendees', '出席人员'),
    text('caseSummary', '案情汇报'),
    table('opinions', '讨论意见'),
    text('conclusion', '讨论决定'),
    signer('officer1', '主持人'),
    signer('officer2', '记录人'),
    text('recordDate', '记录日期'),
  ],
  blocks: [
    { type: 'title', text: '重大案件集体讨论记录' },
    { type: 'number' },
    line('案由：{{caseCause}}'),
    line('当事人：{{partyName}}'),
    line('讨论时间：{{time}}　地点：{{place}}'),
    line('主持人：{{chair}}　记录人：{{recorder}}'),
    line('出席人员：{{attendees}}'),
    line('案情汇报：'),
    para('{{caseSummary}}'),
    {
      type: 'table',
      field: 'opinions',
      columns: [
        { key: 'member', label: '发言人', width: 2 },
        { key: 'opinion', label: '意见', width: 7 },
      ],
    },
    line('讨论决定：'),
    para('{{conclusion}}'),
    {
      type: 'signatures',
      signers: [
        { field: 'officer1', label: '主持人' },
        { field: 'officer2', label: '记录人' },
      ],
    },
    line('记录日期：{{recordDate}}'),
  ],
};
