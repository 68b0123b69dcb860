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
 * Shipped templates from the hearing to the closing of a case (听证, 不予处罚, 催告, 强制执行, 移送, 结案) and the
 * minor-violation commitment: wording after the structure of the official forms, written for this platform.
 */

export const HEARING_RIGHTS_NOTICE_TEMPLATE: TemplateBody = {
  title: '行政处罚听证告知书',
  numberWord: '听告字',
  fields: [
    ...PARTY_FIELDS,
    text('facts', '违法事实'),
    text('basis', '处罚依据'),
    text('proposedPenalty', '拟作出的处罚'),
    text('contact', '联系人及电话'),
    text('noticeDate', '告知日期'),
  ],
  blocks: [
    { type: 'title', text: '行政处罚听证告知书' },
    { type: 'number' },
    line('{{partyName}}：'),
    para('经调查，你（单位）{{facts}}'),
    para('依据{{basis}}，本机关拟对你（单位）作出如下行政处罚：{{proposedPenalty}}'),
    para(
      '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求听证的权利。如要求听证，应当在收到本告知书之日起五个工作日内向本机关提出，逾期视为放弃听证权利。你（单位）也可以在上述期限内进行陈述和申辩。',
    ),
    line('联系人及电话：{{contact}}'),
    line('当事人证件号码：{{partyIdNumber}}'),
    line('当事人地址：{{partyAddress}}'),
    { type: 'seal', dateField: 'noticeDate' },
  ],
};

export const HEARING_NOTICE_TEMPLATE: TemplateBody = {
  title: '行政处罚听证通知书',
  numberWord: '听通字',
  fields: [
    ...PARTY_FIELDS,
    text('requestDate', '申请听证日期'),
    text('caseCause', '案由'),
    text('hearingTime', '听证时间'),
    text('hearingPlace', '听证地点'),
    text('hearingMode', '听证方式'),
    text('chair', '听证主持人'),
    text('contact', '联系人及电话'),
    text('noticeDate', '通知日期'),
  ],
  blocks: [
    { type: 'title', text: '行政处罚听证通知书' },
    { type: 'number' },
    line('{{partyName}}：'),
    para(
      '根据你（单位）于{{requestDate}}提出的听证申请，本机关决定于{{hearingTime}}在{{hearingPlace}}就{{caseCause}}一案举行{{hearingMode}}听证，听证主持人为{{chair}}。',
    ),
    para(
      '请你（单位）准时出席，并携带身份证明及有关证据材料。委托代理人参加的，应当提交授权委托书。你（单位）认为主持人与本案有直接利害关系的，有权申请回避。无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。',
    ),
    line('联系人及电话：{{contact}}'),
    line('当事人证件号码：{{partyIdNumber}}'),
    line('当事人地址：{{partyAddress}}'),
    { type: 'seal', dateField: 'noticeDate' },
  ],
};

export const HEARING_RECORD_TEMPLATE: TemplateBody = {
  title: '听证笔录',
  numberWord: '听录字',
  fields: [
    text('caseCause', '案由'),
    ...PARTY_FIELDS,
    text('time', '听证时间'),
    text('place', '听证地点'),
    text('mode', '听证方式'),
    text('chair', '主持人'),
    text('recorder', '记录人'),
    text('investigators', '案件调查人员'),
    text('agent', '委托代理人', false),
    table('proceedings', '听证过程'),
    signer('officer1', '主持人'),
    signer('officer2', '记录人'),
    signer('partySignature', '当事人'),
    text('recordDate', '记录日期'),
  ],
  blocks: [
    { type: 'title', text: '听证笔录' },
    { type: 'number' },
    line('案由：{{caseCause}}'),
    ...PARTY_LINES,
    line('听证时间：{{time}}　地点：{{place}}　方式：{{mode}}'),
    line('主持人：{{chair}}　记录人：{{recorder}}'),
    line('案件调查人员：{{investigators}}'),
    line('委托代理人：{{agent}}'),
    para(
      '主持人宣布听证纪律，核对参加人员身份，告知当事人的权利和义务，询问当事人是否申请回避。调查人员提出当事人违法的事实、证据和处罚建议，当事人进行陈述、申辩和质证。',
    ),
    {
      type: 'table',
      field: 'proceedings',
      columns: [
        { key: 'speaker', label: '发言人', width: 2 },
        { key: 'text', label: '内容', width: 7 },
      ],
    },
    para('以上笔录经听证参加人核对无误。'),
    {
      type: 'signatures',
      signers: [
        { field: 'officer1', label: '主持人' },
        { field: 'officer2', label: '记录人' },
        { field: 'partySignature', label: '当事人' },
      ],
    },
    line('记录日期：{{recordDate}}'),
  ],
};

export const NO_PENALTY_DECISION_TEMPLATE: TemplateBody = {
  title: '不予行政处罚决定书',
  numberWord: '不罚字',
  fields: [
    ...PARTY_FIELDS,
    text('facts', '查明的事实'),
    text('evidence', '证据'),
    text('reason', '不予处罚的理由'),
    text('basis', '法律依据'),
    ...REMEDY_FIELDS,
    text('decisionDate', '决定日期'),
  ],
  blocks: [
    { type: 'title', text: '不予行政处罚决定书' },
    { type: 'number' },
    ...PARTY_LINES,
    para('经查，{{facts}}'),
    para('以上事实有下列证据证明：{{evidence}}'),
    para('鉴于{{reason}}，依据{{basis}}的规定，本机关决定对你（单位）不予行政处罚。'),
    para(REMEDY_SENTENCE),
    { type: 'seal', dateField: 'decisionDate' },
  ],
};

export const PAYMENT_REMINDER_TEMPLATE: TemplateBody = {
  title: '催告书',
  numberWord: '催字',
  fields: [
    ...PARTY_FIELDS,
    text('decisionNumber', '行政处罚决定书文号'),
    text('decisionDate', '行政处罚决定日期'),
    text('obligation', '应履行的义务'),
    text('amount', '金额（含加处罚款）', false),
    text('deadline', '履行期限'),
    text('manner', '履行方式'),
    text('contact', '联系人及电话'),
    text('reminderDate', '催告日期'),
  ],
  blocks: [
    { type: 'title', text: '催告书' },
    { type: 'number' },
    line('{{partyName}}：'),
    para(
      '本机关于{{decisionDate}}对你（单位）作出{{decisionNumber}}行政处罚决定，你（单位）至今未履行{{obligation}}的义务。',
    ),
    para(
      '根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告你（单位）于{{deadline}}前以{{manner}}的方式履行上述义务，应缴金额：{{amount}}。你（单位）收到本催告书后有权进行陈述和申辩。逾期仍不履行的，本机关将依法申请人民法院强制执行。',
    ),
    line('联系人及电话：{{contact}}'),
    line('当事人证件号码：{{partyIdNumber}}'),
    line('当事人地址：{{partyAddress}}'),
    { type: 'seal', dateField: 'reminderDate' },
  ],
};

export const ENFORCEMENT_APPLICATION_TEMPLATE: TemplateBody = {
  title: '强制执行申请书',
  numberWord: '强申字',
  fields: [
    text('court', '人民法院'),
    ...PARTY_FIELDS,
    text('decisionNumber', '行政处罚决定书文号'),
    text('decisionDate', '决定日期'),
    text('servedOn', '送达日期'),
    text('reminderServedOn', '催告书送达日期'),
    text('content', '申请执行内容'),
    text('attachments', '附件'),
    text('contact', '联系人及电话'),
    text('applicationDate', '申请日期'),
  ],
  blocks: [
    { type: 'title', text: '强制执行申请书' },
    { type: 'number' },
    line('{{court}}：'),
    line('被申请人：{{partyName}}'),
    line('统一社会信用代码/身份证号：{{partyIdNumber}}'),
    line('住所（地址）：{{partyAddress}}'),
    para(
      '本机关于{{decisionDate}}作出{{decisionNumber}}行政处罚决定，并于{{servedOn}}送达被申请人。被申请人在法定期限内未申请行政复议或者提起行政诉讼，又不履行。本机关于{{reminderServedOn}}送达催告书，催告期满仍未履行。',
    ),
    para('根据《中华人民共和国行政强制法》第五十三条、第五十五条的规定，特申请强制执行：{{content}}'),
    line('附件：{{attachments}}'),
    line('联系人及电话：{{contact}}'),
    { type: 'seal', dateField: 'applicationDate' },
  ],
};

export const CASE_TRANSFER_TEMPLATE: TemplateBody = {
  title: '案件移送书',
  numberWord: '移字',
  fields: [
    text('recipientAgency', '受移送机关'),
    text('caseCause', '案由'),
    text('partyName', '当事人'),
    text('reason', '移送理由'),
    text('basis', '移送依据'),
    table('materials', '移送材料'),
    text('contact', '联系人及电话'),
    text('transferDate', '移送日期'),
  ],
  blocks: [
    { type: 'title', text: '案件移送书' },
    { type: 'number' },
    line('{{recipientAgency}}：'),
    para('本机关在办理{{partyName}}{{caseCause}}一案中，发现{{reason}}。'),
    para('依据{{basis}}的规定，现将该案移送你单位处理。请在收到本移送书后书面告知处理结果。'),
    {
      type: 'table',
      field: 'materials',
      columns: [
        { key: 'name', label: '材料名称', width: 5 },
        { key: 'pages', label: '页数', width: 1 },
      ],
    },
    line('联系人及电话：{{contact}}'),
    { type: 'seal', dateField: 'transferDate' },
  ],
};

export const CRIMINAL_TRANSFER_TEMPLATE: TemplateBody = {
  title: '涉嫌犯罪案件移送书',
  numberWord: '刑移字',
  fields: [
    text('publicSecurity', '公安机关'),
    text('caseCause', '案由'),
    ...PARTY_FIELDS,
    text('facts', '涉嫌犯罪事实'),
    text('crime', '涉嫌罪名'),
    text('approval', '本机关负责人批准情况'),
    table('materials', '移送材料'),
    text('contact', '联系人及电话'),
    text('transferDate', '移送日期'),
  ],
  blocks: [
    { type: 'title', text: '涉嫌犯罪案件移送书' },
    { type: 'number' },
    line('{{publicSecurity}}：'),
    para('本机关在查处{{partyName}}{{caseCause}}一案中，查明：{{facts}}'),
    para(
      '当事人的行为涉嫌构成{{crime}}。根据《中华人民共和国行政处罚法》第二十七条和《行政执法机关移送涉嫌犯罪案件的规定》，经{{approval}}，现将该案移送你局，请依法审查，并将立案或者不予立案的决定书面告知本机关。',
    ),
    line('当事人证件号码：{{partyIdNumber}}'),
    line('当事人住所（地址）：{{partyAddress}}'),
    {
      type: 'table',
      field: 'materials',
      columns: [
        { key: 'name', label: '材料名称', width: 5 },
        { key: 'pages', label: '页数', width: 1 },
      ],
    },
    line('联系人及电话：{{contact}}'),
    { type: 'seal', dateField: 'transferDate' },
  ],
};

export const CASE_CLOSING_REPORT_TEMPLATE: TemplateBody = {
  title: '结案报告',
  numberWord: '结字',
  fields: [
    text('caseCause', '案由'),
    ...PARTY_FIELDS,
    text('filingDate', '立案日期'),
    text('decisionNumber', '处理决定文号'),
    text('outcome', '处理结果'),
    text('execution', '执行情况'),
    text('handlerOpinion', '承办人意见'),
    text('approvalOpinion', '审批意见'),
    ...APPROVAL_SIGNERS,
    text('closingDate', '结案日期'),
  ],
  blocks: [
    { type: 'title', text: '结案报告' },
    { type: 'number' },
    line('案由：{{caseCause}}'),
    ...PARTY_LINES,
    line('立案日期：{{filingDate}}　处理决定文号：{{decisionNumber}}'),
    line('处理结果：'),
    para('{{outcome}}'),
    line('执行情况：'),
    para('{{execution}}'),
    line('承办人意见：{{handlerOpinion}}'),
    line('审批意见：{{approvalOpinion}}'),
    APPROVAL_SIGNATURES,
    { type: 'seal', dateField: 'closingDate' },
  ],
};

export const MINOR_VIOLATION_COMMITMENT_TEMPLATE: TemplateBody = {
  title: '轻微违法行为告知承诺书',
  numberWord: '承字',
  fields: [
    ...PARTY_FIELDS,
    text('violation', '违法行为'),
    text('provision', '违反的规定'),
    text('commitment', '承诺改正内容'),
    text('deadline', '改正期限'),
    ...OFFICER_PARTY_SIGNERS,
    text('commitmentDate', '承诺日期'),
  ],
  blocks: [
    { type: 'title', text: '轻微违法行为告知承诺书' },
    { type: 'number' },
    ...PARTY_LINES,
    para(
      '经查，你（单位）{{violation}}，违反了{{provision}}的规定。鉴于该行为属于初次违法且危害后果轻微，根据《中华人民共和国行政处罚法》第三十三条的规定，本机关告知你（单位）在承诺期限内及时改正的，可以不予行政处罚。',
    ),
    para('本人（单位）承诺：{{commitment}}，并于{{deadline}}前改正完毕。如未按承诺改正，愿意接受依法处理。'),
    OFFICER_PARTY_SIGNATURES,
    { type: 'seal', dateField: 'commitmentDate' },
  ],
};
